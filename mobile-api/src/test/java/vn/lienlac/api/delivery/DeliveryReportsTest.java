package vn.lienlac.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
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

/** The unreachable worklist of a class and the monthly delivery cost report, against real PostgreSQL. */
class DeliveryReportsTest {

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("delivery_reports");
    TestDistrict.create(api);
    api.sql("""
        INSERT INTO messaging.message (id, kind, sender_subject, sender_role, school_code, title, body, school_year, status,
                                       send_at) VALUES
          (900501, 'announcement', 's:6', 'principal', 'S1', 'Họp phụ huynh', 'Họp', '2026-2027', 'done', '2026-11-02T01:00:00Z'),
          (900502, 'announcement', 's:6', 'principal', 'S1', 'Nghỉ lễ', 'Nghỉ', '2026-2027', 'done', '2026-11-03T01:00:00Z'),
          (900503, 'announcement', 's:4', 'teacher', 'S2', 'Lớp 7B1', 'Nghỉ', '2026-2027', 'done', '2026-11-02T01:00:00Z'),
          (900504, 'announcement', 's:4', 'teacher', 'S2', 'Lớp 7B1', 'Học bù', '2026-2027', 'done', '2026-11-03T01:00:00Z')""",
        // G1 (ST1 in 6A1, ST2 in 6A2): delivered, then unreachable (no Zalo) — on the list of both classes.
        // G2 (ST2 in 6A2): delivered the older message, unreachable on the newer (invalid number).
        // G4 (departed ST4 of 6A1): unreachable, but not a current student's guardian.
        // G3 (ST3 in S2-7B1): unreachable, then delivered — off the list.
        """
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code, delivery_state, unreachable_reason)
        VALUES (900501, 1001, '{ST1,ST2}', 'S1', 'delivered', NULL), (900502, 1001, '{ST1,ST2}', 'S1', 'unreachable', 'no_zalo'),
               (900501, 1002, '{ST2}', 'S1', 'delivered', NULL), (900502, 1002, '{ST2}', 'S1', 'unreachable', 'invalid_number'),
               (900502, 1004, '{ST4}', 'S1', 'unreachable', 'no_app'),
               (900503, 1003, '{ST3}', 'S2', 'unreachable', 'opted_out'), (900504, 1003, '{ST3}', 'S2', 'delivered', NULL)""",
        // November 2026 in Vietnam starts at 2026-10-31T17:00Z.
        """
        INSERT INTO delivery.attempt (recipient_message_id, recipient_guardian_id, channel, provider, state, school_code,
                                      segments, devices_reached, cost_vnd, accepted_at) VALUES
          (900501, 1001, 'push', 'fcm', 'delivered', 'S1', NULL, 1, 0, '2026-11-02T01:00:01Z'),
          (900501, 1002, 'push', 'fcm', 'accepted', 'S1', NULL, 2, 0, '2026-11-02T01:00:01Z'),
          (900502, 1001, 'sms', 'esms', 'failed', 'S1', 2, NULL, 1600, '2026-10-31T18:00:00Z'),
          (900502, 1002, 'sms', 'esms', 'delivered', 'S1', 1, NULL, 800, '2026-11-03T01:00:05Z'),
          (900502, 1002, 'zns', 'zalo_zns', 'accepted', 'S1', NULL, NULL, 300, '2026-11-03T01:00:02Z'),
          (900502, 1004, 'sms', 'esms', 'accepted', 'S1', 1, NULL, 800, '2026-10-31T16:59:59Z'),
          (900503, 1003, 'sms', 'twilio', 'accepted', 'S2', 3, NULL, 2700, '2026-11-02T01:00:05Z'),
          (900504, 1003, 'push', 'fcm', 'pending', 'S2', NULL, NULL, NULL, NULL)""",
        """
        INSERT INTO delivery.school_budget (school_code, month, channel, limit_vnd, spent_vnd) VALUES
          ('S1', '2026-11-01', 'sms', 10000, 2400), ('S1', '2026-11-01', 'zns', 1000, 300),
          ('S1', '2026-11-01', 'zalo_oa', 500, 0), ('S2', '2026-10-01', 'sms', 5000, 100)""");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static HttpResponse<String> get(String path, Caller caller, Map<String, String> headers) {
    return api.send(HttpRequest.newBuilder(api.uri("/api/v1" + path)).GET(), api.token(caller), headers);
  }

  static JsonObject ok(String path, Caller caller) {
    HttpResponse<String> r = get(path, caller, Map.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static JsonArray items(String path, Caller caller) {
    return ok(path, caller).getJsonArray("items");
  }

  // --- the unreachable worklist ---

  @Test
  void the_homeroom_teacher_sees_the_unreachable_guardians_of_current_students_with_reason_masked_phone_and_message() {
    JsonArray list = items("/classes/S1-6A1/unreachable", TestDistrict.homeroomTeacherOf6A1());

    assertThat(list).hasSize(1);
    JsonObject g1 = list.getJsonObject(0);
    assertThat(g1.getJsonObject("student")).isEqualTo(new JsonObject().put("id", "ST1").put("name", "Nguyễn Minh An"));
    assertThat(g1.getJsonObject("guardian").getString("id")).isEqualTo("1001");
    assertThat(g1.getJsonObject("guardian").getString("name")).isEqualTo("Nguyễn Văn Phụ");
    assertThat(g1.getJsonObject("guardian").getString("relationship")).isEqualTo("father");
    assertThat(g1.getJsonObject("guardian").getString("phone")).isEqualTo("09******01");
    assertThat(g1.getJsonObject("reason")).isEqualTo(new JsonObject().put("code", "no_zalo")
        .put("label", "Số điện thoại không dùng Zalo"));
    assertThat(g1.getJsonObject("lastMessage").getString("id")).isEqualTo("900502");
    assertThat(g1.getJsonObject("lastMessage").getString("title")).isEqualTo("Nghỉ lễ");
    assertThat(g1.encode()).doesNotContain("+84901000001", "0901000001");
  }

  @Test
  void the_worklist_pages_by_cursor_and_labels_in_english_on_request() {
    Caller t2 = TestDistrict.homeroomTeacherOf6A2();
    JsonObject first = ok("/classes/S1-6A2/unreachable?limit=1", t2);
    assertThat(first.getJsonArray("items")).hasSize(1);
    assertThat(first.getString("nextCursor")).isNotNull();
    HttpResponse<String> second = get("/classes/S1-6A2/unreachable?limit=1&cursor=" + first.getString("nextCursor"), t2,
        Map.of("Accept-Language", "en"));
    JsonObject page = new JsonObject(second.body());

    assertThat(first.getJsonArray("items").getJsonObject(0).getJsonObject("guardian").getString("id")).isEqualTo("1001");
    JsonObject g2 = page.getJsonArray("items").getJsonObject(0);
    assertThat(g2.getJsonObject("guardian").getString("id")).isEqualTo("1002");
    assertThat(g2.getJsonObject("reason")).isEqualTo(new JsonObject().put("code", "invalid_number")
        .put("label", "The phone number is not valid"));
    assertThat(page.getValue("nextCursor")).isNull();
  }

  @Test
  void a_guardian_reached_by_a_later_message_is_off_the_list() {
    assertThat(items("/classes/S2-7B1/unreachable", TestDistrict.teacherOfSchool2())).isEmpty();
  }

  @Test
  void the_principal_and_the_district_officer_see_it_and_nobody_else_does() {
    assertThat(items("/classes/S1-6A1/unreachable", TestDistrict.principalOfSchool1())).hasSize(1);
    assertThat(items("/classes/S1-6A1/unreachable", TestDistrict.districtOfficer())).hasSize(1);
    HttpResponse<String> missing = get("/classes/NO-SUCH/unreachable", TestDistrict.homeroomTeacherOf6A1(), Map.of());
    assertThat(missing.statusCode()).isEqualTo(404);
    for (Caller refused : List.of(TestDistrict.mathsTeacherOf6A1(), TestDistrict.homeroomTeacherOf6A2(),
        TestDistrict.accountantOfSchool1(), TestDistrict.teacherOfSchool9(), TestDistrict.guardian(TestDistrict.G1))) {
      HttpResponse<String> r = get("/classes/S1-6A1/unreachable", refused, Map.of());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
      assertThat(new JsonObject(r.body()).getString("type")).isEqualTo(new JsonObject(missing.body()).getString("type"));
    }
    assertThat(get("/classes/S9-8C1/unreachable", TestDistrict.districtOfficer(), Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void a_bad_cursor_or_limit_is_a_400_naming_it() {
    HttpResponse<String> cursor = get("/classes/S1-6A1/unreachable?cursor=nonsense", TestDistrict.homeroomTeacherOf6A1(), Map.of());
    HttpResponse<String> limit = get("/classes/S1-6A1/unreachable?limit=0", TestDistrict.homeroomTeacherOf6A1(), Map.of());

    assertThat(cursor.statusCode()).isEqualTo(400);
    assertThat(cursor.body()).contains("\"field\":\"cursor\"");
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(limit.body()).contains("limit");
  }

  // --- the cost report ---

  static JsonObject row(JsonArray rows, String school, String channel) {
    return rows.stream().map(JsonObject.class::cast)
        .filter(r -> school.equals(r.getString("school_code")) && channel.equals(r.getString("channel")))
        .findFirst().orElseThrow(() -> new AssertionError("no row " + school + "/" + channel + " in " + rows));
  }

  @Test
  void the_principal_sees_the_schools_month_per_channel_and_provider_with_the_budget_used() {
    JsonObject report = ok("/delivery/costs?month=2026-11", TestDistrict.principalOfSchool1());
    JsonArray rows = report.getJsonArray("rows");

    assertThat(rows.stream().map(o -> ((JsonObject) o).getString("school_code")).distinct().toList()).containsExactly("S1");
    assertThat(row(rows, "S1", "push")).isEqualTo(new JsonObject().put("school_code", "S1").put("channel", "push")
        .put("provider", "fcm").put("deliveries", 2).put("segments", 0).put("cost_vnd", 0).putNull("budget_vnd")
        .putNull("budget_spent_vnd").putNull("percent_used"));
    // The SMS accepted at 01:00 on 1 November Vietnam time counts, the one at 23:59:59 on 31 October does not;
    // a failed delivery report later does not refund it.
    JsonObject sms = row(rows, "S1", "sms");
    assertThat(sms.getLong("deliveries")).isEqualTo(2);
    assertThat(sms.getLong("segments")).isEqualTo(3);
    assertThat(sms.getLong("cost_vnd")).isEqualTo(2400);
    assertThat(sms.getLong("budget_vnd")).isEqualTo(10000);
    assertThat(sms.getDouble("percent_used")).isEqualTo(24.0);
    assertThat(row(rows, "S1", "zns").getDouble("percent_used")).isEqualTo(30.0);
    // A budget without spending is a row of its own.
    assertThat(row(rows, "S1", "zalo_oa").getLong("deliveries")).isZero();
    assertThat(row(rows, "S1", "zalo_oa").getDouble("percent_used")).isEqualTo(0.0);
  }

  @Test
  void the_district_officer_sees_every_school_of_the_district_or_one_of_them() {
    JsonArray all = ok("/delivery/costs?month=2026-11", TestDistrict.districtOfficer()).getJsonArray("rows");
    JsonArray s2 = ok("/delivery/costs?month=2026-11&schoolCode=S2", TestDistrict.districtOfficer()).getJsonArray("rows");

    assertThat(row(all, "S2", "sms").getLong("cost_vnd")).isEqualTo(2700);
    assertThat(row(all, "S1", "sms").getLong("cost_vnd")).isEqualTo(2400);
    assertThat(s2).hasSize(1);
    assertThat(row(s2, "S2", "sms").getString("provider")).isEqualTo("twilio");
    assertThat(row(s2, "S2", "sms").getValue("budget_vnd")).as("October's budget is not November's").isNull();
  }

  @Test
  void the_report_comes_as_csv() {
    HttpResponse<String> r = get("/delivery/costs?month=2026-11&format=csv", TestDistrict.principalOfSchool1(), Map.of());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
    assertThat(r.body()).contains("school_code,channel,provider,deliveries,segments,cost_vnd,budget_vnd,budget_spent_vnd,percent_used")
        .contains("S1,sms,esms,2,3,2400,10000,2400,24.0");
  }

  @Test
  void others_and_schools_out_of_reach_get_404() {
    for (Caller refused : List.of(TestDistrict.homeroomTeacherOf6A1(), TestDistrict.accountantOfSchool1(),
        TestDistrict.guardian(TestDistrict.G1))) {
      assertThat(get("/delivery/costs?month=2026-11", refused, Map.of()).statusCode()).isEqualTo(404);
    }
    assertThat(get("/delivery/costs?month=2026-11&schoolCode=S2", TestDistrict.principalOfSchool1(), Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(get("/delivery/costs?month=2026-11&schoolCode=S9", TestDistrict.districtOfficer(), Map.of()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void a_bad_or_missing_month_is_a_400_naming_month() {
    for (String query : List.of("month=2026-13", "month=2026-1", "month=novembre", "")) {
      HttpResponse<String> r = get("/delivery/costs?" + query, TestDistrict.principalOfSchool1(), Map.of());
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.body()).as(query).contains("month");
    }
  }
}
