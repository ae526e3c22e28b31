package vn.lienlac.payment.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.statement.BankTransaction;
import vn.lienlac.payment.statement.BankTransaction.Direction;

class NotificationsTest {

  static final Instant NOW = Instant.parse("2026-09-10T15:38:54Z");

  @Test
  void a_payos_credit_is_identified_by_the_bank_reference_and_booked_in_vietnam_time() {
    JsonObject data = new JsonObject().put("orderCode", 123).put("amount", 3000).put("description", "VQRIO123")
        .put("accountNumber", "12345678").put("reference", "TF230204212323").put("transactionDateTime", "2023-02-04 18:25:00")
        .put("currency", "VND").put("code", "00").put("counterAccountName", "NGUYEN VAN A");
    JsonObject body = new JsonObject().put("data", data).put("signature", PayOsSignature.sign(data, "k"));
    assertThat(PayOsNotification.verify(body, "k")).isTrue();
    assertThat(PayOsNotification.verify(body, "other")).isFalse();
    BankTransaction t = PayOsNotification.parse(body);
    assertThat(t.bankTxnId()).isEqualTo("TF230204212323");
    assertThat(t.bookedAt()).isEqualTo(Instant.parse("2023-02-04T11:25:00Z"));
    assertThat(t.amount()).isEqualTo(3000);
    assertThat(t.payerName()).isEqualTo("NGUYEN VAN A");
    assertThat(PayOsNotification.parse(body.put("data", data.copy().put("code", "01")))).isNull();
  }

  @Test
  void a_payos_amount_with_a_fraction_or_a_missing_reference_names_the_field() {
    JsonObject data = new JsonObject().put("amount", "12.5").put("accountNumber", "1").put("reference", "R")
        .put("transactionDateTime", "2023-02-04 18:25:00");
    assertThatThrownBy(() -> PayOsNotification.parse(new JsonObject().put("data", data)))
        .isInstanceOfSatisfying(NotificationException.class, e -> assertThat(e.field()).isEqualTo("data.amount"));
    JsonObject noRef = data.copy().put("amount", 5).put("reference", null);
    assertThatThrownBy(() -> PayOsNotification.parse(new JsonObject().put("data", noRef)))
        .isInstanceOfSatisfying(NotificationException.class, e -> assertThat(e.field()).isEqualTo("data.reference"));
  }

  @Test
  void sepay_uses_the_bank_reference_and_falls_back_to_its_own_id_and_reads_debits() {
    JsonObject body = new JsonObject().put("id", 92704).put("transactionDate", "2026-09-10 22:38:54")
        .put("accountNumber", "0071001104341").put("transferType", "out").put("transferAmount", 50000)
        .put("content", "phi");
    BankTransaction t = SePayNotification.parse(body);
    assertThat(t.bankTxnId()).isEqualTo("sepay:92704");
    assertThat(t.direction()).isEqualTo(Direction.DEBIT);
    assertThat(SePayNotification.parse(body.put("referenceCode", "FT1")).bankTxnId()).isEqualTo("FT1");
  }

  @Test
  void a_sepay_signature_holds_only_for_the_same_body_and_secret_within_five_minutes() {
    byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
    long ts = NOW.getEpochSecond();
    String sig = SePayNotification.sign("s", ts, body);
    assertThat(SePayNotification.signatureValid("s", Long.toString(ts), sig, body, NOW)).isTrue();
    assertThat(SePayNotification.signatureValid("s", Long.toString(ts), "sha256=" + sig.toUpperCase(), body, NOW)).isTrue();
    assertThat(SePayNotification.signatureValid("s", Long.toString(ts), sig, body, NOW.plusSeconds(301))).isFalse();
    assertThat(SePayNotification.signatureValid("t", Long.toString(ts), sig, body, NOW)).isFalse();
    assertThat(SePayNotification.signatureValid("s", Long.toString(ts), sig, "{\"id\":2}".getBytes(StandardCharsets.UTF_8), NOW)).isFalse();
    assertThat(SePayNotification.signatureValid("s", "soon", sig, body, NOW)).isFalse();
    assertThat(SePayNotification.apiKeyMatches("Apikey abc", "abc")).isTrue();
    assertThat(SePayNotification.apiKeyMatches("Bearer abc", "abc")).isFalse();
    assertThat(SePayNotification.apiKeyMatches("Apikey abd", "abc")).isFalse();
  }

  @Test
  void vietqr_keys_are_read_in_any_case_and_the_time_is_epoch_milliseconds() {
    JsonObject body = new JsonObject().put("BankAccount", "1").put("AMOUNT", "2000").put("transtype", "c")
        .put("referenceNumber", "FT9").put("TransactionTime", 1_789_400_000_000L);
    BankTransaction t = VietQrSyncNotification.parse(body);
    assertThat(t.bankTxnId()).isEqualTo("FT9");
    assertThat(t.bookedAt()).isEqualTo(Instant.ofEpochMilli(1_789_400_000_000L));
    assertThatThrownBy(() -> VietQrSyncNotification.parse(body.put("transtype", "X")))
        .isInstanceOfSatisfying(NotificationException.class, e -> assertThat(e.field()).isEqualTo("transType"));
  }

  @Test
  void vietqr_tokens_expire_after_five_minutes_and_belong_to_the_credentials_that_issued_them() {
    VietQrSyncTokens tokens = new VietQrSyncTokens("u", "p");
    String token = tokens.issue(NOW);
    assertThat(tokens.valid(token, NOW.plusSeconds(299))).isTrue();
    assertThat(tokens.valid(token, NOW.plusSeconds(300))).isFalse();
    assertThat(new VietQrSyncTokens("u", "p2").valid(token, NOW)).isFalse();
    assertThat(tokens.valid(token + "x", NOW)).isFalse();
    assertThat(tokens.valid("9999999999" + token.substring(token.indexOf('.')), NOW)).isFalse();
    String basic = "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
    assertThat(tokens.credentialsMatch(basic)).isTrue();
    assertThat(tokens.credentialsMatch("Basic " + Base64.getEncoder().encodeToString("u:q".getBytes(StandardCharsets.UTF_8)))).isFalse();
    assertThat(tokens.credentialsMatch("Basic ***")).isFalse();
  }
}
