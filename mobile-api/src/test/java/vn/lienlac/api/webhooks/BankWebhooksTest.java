package vn.lienlac.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.api.webhooks.BankNotifications.ACCOUNT;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;

class BankWebhooksTest {

  static ApiTestServer api;
  static BankNotifications bank;
  static final String PAYOS_KEY = ApiTestServer.WEBHOOKS.payOsChecksumKey();
  static final String SEPAY_KEY = ApiTestServer.WEBHOOKS.sePayApiKey();
  static final String SEPAY_SECRET = ApiTestServer.WEBHOOKS.sePayHmacSecret();

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("bank_webhooks");
    bank = new BankNotifications(api);
    api.sql("INSERT INTO payment.collection_account (school_code, bin, account_number, account_holder, bank_name)"
        + " VALUES ('S1', '970436', '" + ACCOUNT + "', 'TRUONG THCS NGUYEN DU', 'Vietcombank')");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static long rows(String bankTxnId) {
    return Long.parseLong(BankNotifications.value(api,
        "SELECT count(*) FROM payment.bank_transaction WHERE bank_txn_id = '" + bankTxnId + "'"));
  }

  static String column(String bankTxnId, String expression) {
    return BankNotifications.value(api, "SELECT " + expression + " FROM payment.bank_transaction WHERE bank_txn_id = '"
        + bankTxnId + "'");
  }

  @Test
  void a_signed_payos_webhook_is_stored_once_for_its_school_and_replays_add_nothing() {
    JsonObject body = BankNotifications.payOsBody(ACCOUNT, "FTPAYOS0001", 1_250_000, "LLP0PSRN1NR9 tien an", PAYOS_KEY);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = bank.payOs(body);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getBoolean("success")).isTrue();
    }
    assertThat(rows("FTPAYOS0001")).isEqualTo(1);
    assertThat(column("FTPAYOS0001", "school_code || ' ' || amount || ' ' || direction || ' ' || source || ' ' || seen_by::text || ' ' || recon_state"))
        .isEqualTo("S1 1250000 C payos {payos} new");
    assertThat(column("FTPAYOS0001", "booked_at = '2026-09-10T22:38:54+07:00'")).isEqualTo("t");
  }

  @Test
  void a_payos_webhook_with_a_wrong_signature_is_refused_and_stores_nothing() {
    JsonObject body = BankNotifications.payOsBody(ACCOUNT, "FTPAYOSBAD", 500_000, "x", "another-key");
    assertThat(bank.payOs(body).statusCode()).isEqualTo(401);
    JsonObject tampered = BankNotifications.payOsBody(ACCOUNT, "FTPAYOSBAD", 500_000, "x", PAYOS_KEY);
    tampered.getJsonObject("data").put("amount", 5_000_000);
    assertThat(bank.payOs(tampered).statusCode()).isEqualTo(401);
    assertThat(rows("FTPAYOSBAD")).isZero();
  }

  @Test
  void twenty_concurrent_identical_sepay_deliveries_store_one_row_and_notify_reconciliation_once() throws Exception {
    List<String> notified = new CopyOnWriteArrayList<>();
    PgConnection listener = ApiTestServer.await(PgConnection.connect(api.vertx, PgConnectOptions.fromUri(api.url.uri())));
    listener.notificationHandler(n -> notified.add(n.getPayload()));
    ApiTestServer.await(listener.query("LISTEN payment_recon").execute());
    try {
      JsonObject body = BankNotifications.sePayBody(92704, ACCOUNT, "FTSEPAY0020", 300_000, "LLP0PSRN1NR9");
      List<CompletableFuture<Integer>> calls = IntStream.range(0, 20)
          .mapToObj(i -> CompletableFuture.supplyAsync(() -> bank.sePayWithKey(body, SEPAY_KEY).statusCode()))
          .toList();
      for (CompletableFuture<Integer> c : calls) {
        assertThat(c.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
      assertThat(rows("FTSEPAY0020")).isEqualTo(1);
      String id = column("FTSEPAY0020", "id::text");
      long deadline = System.currentTimeMillis() + 5_000;
      while (notified.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(200);
      assertThat(notified).containsExactly(id);
    } finally {
      ApiTestServer.await(listener.close());
    }
  }

  @Test
  void sepay_accepts_an_hmac_signature_within_five_minutes_and_refuses_a_drifted_or_wrong_one() {
    long now = Instant.now().getEpochSecond();
    JsonObject late = BankNotifications.sePayBody(1, ACCOUNT, "FTSEPAYLATE", 100_000, "x");
    assertThat(bank.sePaySigned(late, SEPAY_SECRET, now - 301).statusCode()).isEqualTo(401);
    assertThat(bank.sePaySigned(late, SEPAY_SECRET, now + 301).statusCode()).isEqualTo(401);
    assertThat(bank.sePaySigned(late, "wrong-secret", now).statusCode()).isEqualTo(401);
    assertThat(bank.sePayWithKey(late, "wrong-key").statusCode()).isEqualTo(401);
    assertThat(bank.post("/webhooks/sepay", late.encode(), java.util.Map.of()).statusCode()).isEqualTo(401);
    assertThat(rows("FTSEPAYLATE")).isZero();

    JsonObject fresh = BankNotifications.sePayBody(2, ACCOUNT, "FTSEPAYHMAC", 100_000, "x");
    assertThat(bank.sePaySigned(fresh, SEPAY_SECRET, now - 240).statusCode()).isEqualTo(200);
    assertThat(rows("FTSEPAYHMAC")).isEqualTo(1);
  }

  @Test
  void a_sepay_body_without_an_amount_is_refused_naming_the_field() {
    JsonObject body = BankNotifications.sePayBody(3, ACCOUNT, "FTSEPAYNOAMT", 100_000, "x");
    body.remove("transferAmount");
    HttpResponse<String> r = bank.sePayWithKey(body, SEPAY_KEY);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("transferAmount");
    assertThat(bank.sePayWithKey(body.put("transferAmount", 1).put("transferType", "sideways"), SEPAY_KEY).body())
        .contains("transferType");
    assertThat(bank.post("/webhooks/sepay", "{not json", java.util.Map.of("Authorization", "Apikey " + SEPAY_KEY))
        .statusCode()).isEqualTo(400);
    assertThat(rows("FTSEPAYNOAMT")).isZero();
  }

  @Test
  void vietqr_sync_needs_a_token_from_basic_credentials_and_accepts_camel_and_lower_case_keys() {
    assertThat(bank.vietQrToken("vietqr-test", "wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> tokenAnswer = bank.vietQrToken(ApiTestServer.WEBHOOKS.vietQrUsername(),
        ApiTestServer.WEBHOOKS.vietQrPassword());
    assertThat(tokenAnswer.statusCode()).isEqualTo(200);
    JsonObject token = new JsonObject(tokenAnswer.body());
    assertThat(token.getString("token_type")).isEqualTo("Bearer");
    assertThat(token.getInteger("expires_in")).isEqualTo(300);

    JsonObject lower = BankNotifications.vietQrBody(ACCOUNT, "FTVQR0001", 750_000, "LLP0PSRN1NR9");
    HttpResponse<String> first = bank.vietQrSync(lower, token.getString("access_token"));
    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject reply = new JsonObject(first.body());
    assertThat(reply.getBoolean("error")).isFalse();
    assertThat(reply.getJsonObject("object").getString("reftransactionid")).isEqualTo(column("FTVQR0001", "id::text"));

    JsonObject camel = new JsonObject().put("bankAccount", ACCOUNT).put("amount", "750000").put("transType", "C")
        .put("content", "LLP0PSRN1NR9").put("transactionId", "VQR2").put("transactionTime", 1_789_400_000_000L)
        .put("referenceNumber", "FTVQR0001");
    assertThat(bank.vietQrSync(camel, token.getString("access_token")).statusCode()).isEqualTo(200);
    assertThat(rows("FTVQR0001")).isEqualTo(1);
  }

  @Test
  void vietqr_sync_refuses_a_forged_or_missing_token_and_a_body_without_reference() {
    JsonObject body = BankNotifications.vietQrBody(ACCOUNT, "FTVQRBAD", 1_000, "x");
    String token = bank.vietQrToken();
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
    assertThat(bank.vietQrSync(body, forged).statusCode()).isEqualTo(401);
    String expired = "1000000000" + token.substring(token.indexOf('.'));
    assertThat(bank.vietQrSync(body, expired).statusCode()).isEqualTo(401);
    assertThat(bank.post("/webhooks/vietqr/bank/api/transaction-sync", body.encode(), java.util.Map.of()).statusCode())
        .isEqualTo(401);
    body.remove("referencenumber");
    HttpResponse<String> r = bank.vietQrSync(body, token);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("field")).isEqualTo("referencenumber");
    assertThat(rows("FTVQRBAD")).isZero();
  }

  @Test
  void a_credit_to_an_account_of_no_school_is_stored_and_flagged_and_counted_once_across_sources() {
    JsonObject viaSePay = BankNotifications.sePayBody(7, "999888777", "FTUNKNOWN01", 200_000, "x");
    assertThat(bank.sePayWithKey(viaSePay, SEPAY_KEY).statusCode()).isEqualTo(200);
    JsonObject viaPayOs = BankNotifications.payOsBody("999888777", "FTUNKNOWN01", 200_000, "x", PAYOS_KEY);
    assertThat(bank.payOs(viaPayOs).statusCode()).isEqualTo(200);
    assertThat(rows("FTUNKNOWN01")).isEqualTo(1);
    assertThat(column("FTUNKNOWN01", "coalesce(school_code, 'unknown') || ' ' || seen_by::text"))
        .isEqualTo("unknown {sepay,payos}");
  }
}
