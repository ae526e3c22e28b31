package vn.lienlac.api.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

/** Fee items, sign-ups, exemptions and batch issuing rules through the API, against real PostgreSQL. */
class FeesTest {

  static ApiTestServer api;
  static String accountant;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("fees");
    TestDistrict.create(api);
    accountant = api.token(TestDistrict.accountantOfSchool1());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static long item(String name, long amount, boolean mandatory, JsonArray grades) {
    HttpResponse<String> r = api.post("/api/v1/fee-items", accountant, new JsonObject().put("schoolYear", "2026-2027")
        .put("name", name).put("amount", amount).put("unit", "per_month").put("mandatory", mandatory)
        .put("legalBasis", "Nghị quyết 12/2025/NQ-HĐND").put("dueDay", 10).put("grades", grades));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getLong("id");
  }

  static JsonObject batch(String label, String month, long... items) {
    JsonArray ids = new JsonArray();
    for (long i : items) {
      ids.add(i);
    }
    return new JsonObject().put("periodLabel", label).put("periodMonth", month).put("feeItemIds", ids);
  }

  static HttpResponse<String> patch(String path, JsonObject body) {
    return api.send(HttpRequest.newBuilder(api.uri(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())),
        accountant, Map.of("content-type", "application/json"));
  }

  @Test
  void a_fee_item_on_an_issued_invoice_is_never_changed_only_retired_and_each_change_is_audited() {
    long id = item("Nước uống", 20_000, true, new JsonArray());
    HttpResponse<String> renamed = patch("/api/v1/fee-items/" + id, new JsonObject().put("name", "Nước uống tinh khiết"));
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(api.post("/api/v1/invoice-batches", accountant, batch("Tháng 11/2026", "2026-11", id).put("batchKey", "water-2026-11"))
        .statusCode()).isEqualTo(201);
    HttpResponse<String> dearer = patch("/api/v1/fee-items/" + id, new JsonObject().put("amount", 25_000));
    assertThat(dearer.statusCode()).isEqualTo(409);
    assertThat(dearer.body()).contains("fee-item-in-use");
    HttpResponse<String> retired = patch("/api/v1/fee-items/" + id, new JsonObject().put("retired", true));
    assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
    assertThat(new JsonObject(retired.body()).getLong("amount")).isEqualTo(20_000);
    HttpResponse<String> again = api.post("/api/v1/invoice-batches/preview", accountant, batch("Tháng 12/2026", "2026-12", id));
    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(again.body()).contains("fee-item-unknown");
    String audit = api.get("/api/v1/audit?resourceType=fee_item&resourceId=" + id, api.token(TestDistrict.principalOfSchool1())).body();
    assertThat(new JsonObject(audit).getJsonArray("items")).hasSize(3);
    assertThat(audit).contains("Nước uống tinh khiết");
  }

  @Test
  void voluntary_items_are_billed_only_to_students_who_opted_in() {
    long club = item("CLB cờ vua", 150_000, false, new JsonArray().add(6));
    HttpResponse<String> none = api.post("/api/v1/invoice-batches/preview", accountant, batch("Tháng 9/2026", "2026-09", club));
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(none.body()).getInteger("invoiceCount")).isZero();
    HttpResponse<String> optIn = api.post("/api/v1/fee-items/" + club + "/opt-ins", accountant,
        new JsonObject().put("studentIds", new JsonArray().add("ST2")).put("optedIn", true));
    assertThat(optIn.statusCode()).as(optIn.body()).isEqualTo(200);
    JsonObject plan = new JsonObject(api.post("/api/v1/invoice-batches/preview", accountant, batch("Tháng 9/2026", "2026-09", club)).body());
    assertThat(plan.getJsonArray("invoices")).hasSize(1);
    assertThat(plan.getJsonArray("invoices").getJsonObject(0).getString("studentId")).isEqualTo("ST2");
    HttpResponse<String> foreign = api.post("/api/v1/fee-items/" + club + "/opt-ins", accountant,
        new JsonObject().put("studentIds", new JsonArray().add("ST3")).put("optedIn", true));
    assertThat(foreign.statusCode()).isEqualTo(422);
  }

  @Test
  void only_the_schools_accountant_and_principal_manage_fees_and_other_schools_students_are_unknown() {
    HttpResponse<String> teacher = api.post("/api/v1/fee-items", api.token(TestDistrict.homeroomTeacherOf6A1()),
        new JsonObject().put("schoolYear", "2026-2027").put("name", "x").put("amount", 1).put("unit", "one_off")
            .put("mandatory", true).put("legalBasis", "x").put("dueDay", 1));
    assertThat(teacher.statusCode()).isEqualTo(404);
    HttpResponse<String> exemption = api.post("/api/v1/exemptions", accountant, new JsonObject().put("studentId", "ST3")
        .put("percent", 50).put("documentRef", "QĐ 9").put("validFrom", "2026-09-01").put("validTo", "2027-05-31"));
    assertThat(exemption.statusCode()).isEqualTo(422);
    assertThat(exemption.body()).contains("student-unknown");
    HttpResponse<String> both = api.post("/api/v1/exemptions", accountant, new JsonObject().put("studentId", "ST1")
        .put("percent", 50).put("amount", 1000).put("documentRef", "QĐ 9").put("validFrom", "2026-09-01").put("validTo", "2027-05-31"));
    assertThat(both.statusCode()).isEqualTo(422);
    HttpResponse<String> grade7 = api.post("/api/v1/invoice-batches/preview", accountant,
        batch("Tháng 9/2026", "2026-09", item("Bảo hiểm", 70_000, true, new JsonArray())).put("grades", new JsonArray().add(7)));
    assertThat(new JsonObject(grade7.body()).getInteger("invoiceCount")).isZero();
  }

  @Test
  void concurrent_issues_with_one_key_make_one_batch() {
    long books = item("Sách vở", 80_000, true, new JsonArray());
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(http.sendAsync(HttpRequest.newBuilder(api.uri("/api/v1/invoice-batches"))
          .header("Authorization", "Bearer " + accountant).header("content-type", "application/json")
          .header("Idempotency-Key", "books-2026-10-all")
          .POST(HttpRequest.BodyPublishers.ofString(batch("Tháng 10/2026", "2026-10", books).encode())).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    // One request issues (201); the platform answers the others either with that first answer replayed
    // (200/201 with the same id) or, while the first still runs, 409 idempotency-key-in-progress.
    List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();
    assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 201, 409));
    assertThat(answers.stream().filter(r -> r.statusCode() == 409))
        .allSatisfy(r -> assertThat(r.body()).contains("idempotency-key-in-progress"));
    assertThat(answers.stream().filter(r -> r.statusCode() != 409)
        .map(r -> new JsonObject(r.body()).getLong("id")).distinct()).hasSize(1);
    JsonObject page = new JsonObject(api.get("/api/v1/invoices?reference=", accountant).body());
    assertThat(page.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("periodLabel").equals("Tháng 10/2026")).count()).isEqualTo(2);
  }
}
