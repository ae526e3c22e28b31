package vn.lienlac.api.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.api.testing.TestPayments;
import vn.lienlac.payment.ledger.LedgerCheck;

/** The accountant's exception queue, decisions with undo and audit, reports and receipts, over HTTP. */
class ReconApiTest {

  private ApiTestServer api;
  private String accountant;
  private String principal;
  private String father;

  @BeforeEach
  void start() {
    api = ApiTestServer.start("recon_api");
    TestDistrict.create(api);
    TestPayments.create(api);
    accountant = api.token(TestDistrict.accountantOfSchool1());
    principal = api.token(TestDistrict.principalOfSchool1());
    father = api.token(TestDistrict.guardian(TestDistrict.G1));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void the_queue_lists_the_schools_waiting_credits_with_ranked_suggestions_page_by_page() {
    HttpResponse<String> first = api.get("/api/v1/payments/queue?limit=1", accountant);
    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject page = new JsonObject(first.body());
    JsonObject item = page.getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("id")).isEqualTo(Long.toString(TestPayments.S1_QUEUED));
    assertThat(item.getString("state")).isEqualTo("suggested");
    assertThat(item.getJsonArray("suggestions").getJsonObject(0).getString("invoiceId")).isEqualTo("502");
    JsonObject second = new JsonObject(api.get("/api/v1/payments/queue?limit=1&cursor=" + page.getString("nextCursor"),
        principal).body());
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(Long.toString(TestPayments.S1_UNMATCHED));
    assertThat(second.getString("nextCursor")).isNull();
    assertThat(api.get("/api/v1/payments/queue", father).statusCode()).isEqualTo(404);
  }

  @Test
  void confirming_a_suggestion_pays_the_invoice_tells_the_guardians_and_is_audited_and_undone() {
    HttpResponse<String> r = api.post("/api/v1/payments/transactions/" + TestPayments.S1_QUEUED + "/confirm", accountant,
        new JsonObject().put("invoiceId", "502"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getString("stateAfter")).isEqualTo("applied");
    assertThat(receivedNotices()).as("stored in the notice outbox with the decision").isNotEmpty();
    JsonObject audit = new JsonObject(api.get("/api/v1/audit?action=bank_transaction.suggestion_confirmed", principal).body())
        .getJsonArray("items").getJsonObject(0);
    assertThat(audit.getJsonObject("before").getString("state")).isEqualTo("suggested");
    assertThat(audit.getJsonObject("after").getString("state")).isEqualTo("applied");

    int notices = receivedNotices().size();
    HttpResponse<String> undo = api.post("/api/v1/payments/transactions/" + TestPayments.S1_QUEUED + "/undo", principal,
        new JsonObject().put("reason", "wrong child"));
    assertThat(undo.statusCode()).as(undo.body()).isEqualTo(200);
    assertThat(new JsonObject(undo.body()).getString("stateAfter")).isEqualTo("suggested");
    assertThat(api.get("/api/v1/audit?action=bank_transaction.decision_undone", principal).body()).contains("wrong child");
    assertThat(receivedNotices()).as("undoing tells no one a second time").hasSize(notices);
    assertThat(ApiTestServer.await(LedgerCheck.run(api.pool))).isEmpty();
  }

  @Test
  void manual_matching_not_a_fee_and_refunds_are_decisions_with_clear_refusals() {
    HttpResponse<String> tooMuch = api.post("/api/v1/payments/matches", accountant, new JsonObject().put("allocations",
        new JsonArray().add(new JsonObject().put("transactionId", Long.toString(TestPayments.S1_UNMATCHED))
            .put("invoiceId", "502").put("amount", 1_000_000))));
    assertThat(tooMuch.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(tooMuch.body()).getString("type")).endsWith("recon-invoice-not-payable");

    HttpResponse<String> matched = api.post("/api/v1/payments/matches", accountant, new JsonObject().put("allocations",
        new JsonArray().add(new JsonObject().put("transactionId", Long.toString(TestPayments.S1_QUEUED))
            .put("invoiceId", "502").put("amount", 980_000))));
    assertThat(matched.statusCode()).as(matched.body()).isEqualTo(200);

    String unmatched = "/api/v1/payments/transactions/" + TestPayments.S1_UNMATCHED;
    assertThat(api.post(unmatched + "/refund", accountant, new JsonObject().put("reason", "sai truong")).statusCode()).isEqualTo(200);
    assertThat(api.post(unmatched + "/not-fee", accountant, new JsonObject().put("reason", "x")).statusCode()).isEqualTo(409);
    assertThat(api.post(unmatched + "/refund-paid", accountant, new JsonObject()).statusCode()).isEqualTo(200);
    HttpResponse<String> late = api.post(unmatched + "/undo", accountant, new JsonObject().put("reason", "x"));
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(late.body()).getString("type")).endsWith("recon-state-conflict");
    assertThat(ApiTestServer.await(LedgerCheck.run(api.pool))).isEmpty();

    JsonObject day = new JsonObject(api.get("/api/v1/payments/reports/daily?from=2026-09-01&to=2026-09-30", principal).body())
        .getJsonArray("items").getJsonObject(0);
    assertThat(day.getLong("credits")).isEqualTo(1_250_000 + 350_000 + 980_000 + 2_000_000);
    assertThat(day.getLong("refunded")).isEqualTo(2_000_000);
    assertThat(day.getBoolean("balanced")).isTrue();
    HttpResponse<String> csv = api.get("/api/v1/payments/reports/daily?from=2026-09-01&to=2026-09-30&format=csv", accountant);
    assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("date,school_code,credits").contains("2026-09-10,S1,4580000");
  }

  @Test
  void the_guardian_gets_the_receipts_of_the_invoice_and_its_pdf_whose_code_verifies_publicly() throws Exception {
    JsonObject receipt = new JsonObject(api.get("/api/v1/invoices/501/receipts", father).body()).getJsonArray("items")
        .getJsonObject(0);
    assertThat(receipt.getString("number")).matches("BL/20\\d\\d/000001");
    assertThat(receipt.getBoolean("valid")).isTrue();
    HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            api.uri("/api/v1/receipts/" + receipt.getLong("id") + ".pdf")).header("Authorization", "Bearer " + father).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("content-type")).contains("application/pdf");
    assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");

    String code = api.url == null ? null : codeOf(receipt.getLong("id"));
    HttpResponse<String> verify = api.send(HttpRequest.newBuilder(api.uri("/receipts/verify/" + code)).GET(), null, Map.of());
    assertThat(verify.statusCode()).isEqualTo(200);
    JsonObject shown = new JsonObject(verify.body());
    assertThat(shown.getString("studentInitials")).isEqualTo("N.M.A.");
    assertThat(shown.getLong("amount")).isEqualTo(1_250_000);
    assertThat(verify.body()).doesNotContain("Minh An").doesNotContain("NGUYEN VAN PHU").doesNotContain("Tháng 9");
    assertThat(api.send(HttpRequest.newBuilder(api.uri("/receipts/verify/AAAAAAAAAAAAAAAA")).GET(), null, Map.of())
        .statusCode()).isEqualTo(404);

    assertThat(api.get("/api/v1/invoices/503/receipts", father).statusCode()).isEqualTo(404);
  }

  @Test
  void undoing_an_automatic_payment_voids_its_receipt_but_keeps_its_number() {
    assertThat(api.post("/api/v1/payments/transactions/9001/undo", accountant, new JsonObject().put("reason", "typo"))
        .statusCode()).isEqualTo(200);
    JsonObject receipt = new JsonObject(api.get("/api/v1/invoices/501/receipts", father).body()).getJsonArray("items")
        .getJsonObject(0);
    assertThat(receipt.getBoolean("valid")).isFalse();
    assertThat(receipt.getString("number")).endsWith("/000001");
  }

  private String codeOf(long receiptId) {
    return ApiTestServer.await(api.pool.preparedQuery("SELECT verify_code FROM payment.receipt WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(receiptId))).iterator().next().getString(0);
  }

  /** The guardians' "payment received" notices of the 980.000 đ credit, as stored in the notice outbox. */
  private java.util.List<String> receivedNotices() {
    java.util.List<String> out = new java.util.ArrayList<>();
    ApiTestServer.await(api.pool.query("""
        SELECT dedup_key FROM messaging.notice WHERE template = 'payment_received' AND params->>'amount' = '980.000'""")
        .execute()).forEach(r -> out.add(r.getString(0)));
    return out;
  }
}
