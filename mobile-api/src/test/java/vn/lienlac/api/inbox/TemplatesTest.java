package vn.lienlac.api.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.messaging.template.SchoolTemplates;

/** School templates: managed by the principal (audited), read by the school's staff, previewed per guardian. */
class TemplatesTest {

  static ApiTestServer api;
  static Mail mail;
  static final Caller PRINCIPAL = TestDistrict.principalOfSchool1();

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("inbox_templates");
    TestDistrict.create(api);
    mail = new Mail(api);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static JsonObject fee(String key) {
    return new JsonObject().put("key", key).put("name", "Học phí")
        .put("titleVi", "Học phí lớp {{class.name}}")
        .put("bodyVi", "Kính gửi {{guardian.name}}, học phí của em {{student.name}} là {{amount}}, hạn {{date}}.")
        .put("titleEn", "Fees for {{class.name}}")
        .put("bodyEn", "Dear {{guardian.name}}, the fee for {{student.name}} is {{amount}}, due {{date}}.");
  }

  static HttpResponse<String> create(Caller who, JsonObject body) {
    return api.post("/api/v1/templates", api.token(who), body);
  }

  static HttpResponse<String> put(Caller who, long id, JsonObject body) {
    return api.send(HttpRequest.newBuilder(api.uri("/api/v1/templates/" + id))
        .PUT(HttpRequest.BodyPublishers.ofString(body.encode())).header("content-type", "application/json"),
        api.token(who), Map.of());
  }

  @Test
  void the_principal_creates_replaces_and_removes_templates_each_audited_with_before_and_after() {
    HttpResponse<String> created = create(PRINCIPAL, fee("hoc-phi-1"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject t = new JsonObject(created.body());
    long id = t.getLong("id");
    assertThat(t.getJsonArray("variables")).containsExactly("class.name", "guardian.name", "student.name", "amount", "date");
    HttpResponse<String> replaced = put(PRINCIPAL, id, fee("hoc-phi-1").put("name", "Học phí học kỳ II"));
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(new JsonObject(api.get("/api/v1/templates/" + id, api.token(TestDistrict.homeroomTeacherOf6A1())).body())
        .getString("name")).isEqualTo("Học phí học kỳ II");
    HttpResponse<String> removed = api.send(HttpRequest.newBuilder(api.uri("/api/v1/templates/" + id)).DELETE(),
        api.token(PRINCIPAL), Map.of());
    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(api.get("/api/v1/templates/" + id, api.token(PRINCIPAL)).statusCode()).isEqualTo(404);
    assertThat(mail.strings("SELECT action || ':' || coalesce(before->>'name', '-') || ':' || coalesce(after->>'name', '-')"
        + " FROM api.audit_event WHERE resource_type = 'message_template' AND resource_id = ? ORDER BY id", String.valueOf(id)))
        .containsExactly("message_template.created:-:Học phí", "message_template.replaced:Học phí:Học phí học kỳ II",
            "message_template.removed:Học phí học kỳ II:-");
  }

  @Test
  void teachers_read_their_schools_templates_but_cannot_manage_them() {
    long id = new JsonObject(create(PRINCIPAL, fee("hoc-phi-2")).body()).getLong("id");
    HttpResponse<String> list = api.get("/api/v1/templates", api.token(TestDistrict.mathsTeacherOf6A1()));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(list.body()).getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("id"))).contains(id);
    assertThat(create(TestDistrict.homeroomTeacherOf6A1(), fee("cua-giao-vien")).statusCode()).isEqualTo(404);
    assertThat(put(TestDistrict.homeroomTeacherOf6A1(), id, fee("hoc-phi-2")).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/templates/" + id, api.token(TestDistrict.teacherOfSchool2())).statusCode()).isEqualTo(404);
  }

  @Test
  void an_unknown_variable_is_refused_naming_the_text_and_the_variable() {
    HttpResponse<String> r = create(PRINCIPAL, fee("sai-bien").put("bodyEn", "Dear {{parent.phone}}"));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject error = new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("bodyEn");
    assertThat(error.getString("reason")).contains("parent.phone");
    assertThat(mail.queryLong("SELECT count(*) FROM messaging.message_template WHERE key = 'sai-bien'")).isZero();
  }

  @Test
  void a_key_is_taken_once_per_school() {
    assertThat(create(PRINCIPAL, fee("trung")).statusCode()).isEqualTo(201);
    HttpResponse<String> again = create(PRINCIPAL, fee("trung"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("template-key-taken");
  }

  @Test
  void a_preview_renders_for_each_guardian_of_the_student_in_their_language() {
    long id = new JsonObject(create(PRINCIPAL, fee("xem-truoc")).body()).getLong("id");
    HttpResponse<String> r = api.post("/api/v1/templates/" + id + "/preview", api.token(TestDistrict.homeroomTeacherOf6A2()),
        new JsonObject().put("studentId", "ST2").put("values", new JsonObject().put("amount", 2_000_000).put("date", "2026-12-15")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonObject> items = new JsonObject(r.body()).getJsonArray("items").stream().map(i -> (JsonObject) i).toList();
    assertThat(items).extracting(i -> i.getString("language")).containsExactly("vi", "en");
    assertThat(items.get(0).getString("body"))
        .isEqualTo("Kính gửi Nguyễn Văn Phụ, học phí của em Nguyễn Thu Bình là 2.000.000 đ, hạn 15/12/2026.");
    assertThat(items.get(1).getString("title")).isEqualTo("Fees for 6A2");
    assertThat(items.get(1).getString("body"))
        .isEqualTo("Dear Trần Thị Mẹ, the fee for Nguyễn Thu Bình is 2,000,000 VND, due 15 Dec 2026.");
  }

  @Test
  void a_preview_without_a_value_names_the_missing_variable_and_a_student_out_of_reach_is_404() {
    long id = new JsonObject(create(PRINCIPAL, fee("thieu-bien")).body()).getLong("id");
    HttpResponse<String> missing = api.post("/api/v1/templates/" + id + "/preview", api.token(PRINCIPAL),
        new JsonObject().put("studentId", "ST1").put("values", new JsonObject().put("date", "2026-12-15")));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(missing.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("values.amount");
    HttpResponse<String> notTheirs = api.post("/api/v1/templates/" + id + "/preview", api.token(TestDistrict.homeroomTeacherOf6A1()),
        new JsonObject().put("studentId", "ST2").put("values", new JsonObject().put("amount", 1).put("date", "2026-12-15")));
    assertThat(notTheirs.statusCode()).isEqualTo(404);
  }

  @Test
  void the_sending_side_finds_a_living_template_by_school_and_key_and_not_a_removed_one() {
    long id = new JsonObject(create(PRINCIPAL, fee("gui-di")).body()).getLong("id");
    var found = ApiTestServer.await(SchoolTemplates.find(api.pool, "S1", "gui-di"));
    assertThat(found).hasValueSatisfying(t -> assertThat(t.bodyEn()).startsWith("Dear {{guardian.name}}"));
    assertThat(ApiTestServer.await(SchoolTemplates.find(api.pool, "S2", "gui-di"))).isEmpty();
    api.send(HttpRequest.newBuilder(api.uri("/api/v1/templates/" + id)).DELETE(), api.token(PRINCIPAL), Map.of());
    assertThat(ApiTestServer.await(SchoolTemplates.find(api.pool, "S1", "gui-di"))).isEmpty();
  }
}
