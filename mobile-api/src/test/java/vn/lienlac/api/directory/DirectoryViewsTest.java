package vn.lienlac.api.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

class DirectoryViewsTest {

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("directory_views");
    TestDistrict.create(api);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonObject ok(String path, Caller caller) {
    HttpResponse<String> r = api.get("/api/v1" + path, api.token(caller));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static List<Object> field(JsonArray items, String name) {
    return items.stream().map(o -> ((JsonObject) o).getValue(name)).toList();
  }

  @Test
  void a_student_card_shows_class_school_and_every_guardian_with_relationship_but_no_phone() {
    JsonObject card = ok("/students/ST2", TestDistrict.guardian(TestDistrict.G2));
    assertThat(card.getString("name")).isEqualTo("Nguyễn Thu Bình");
    assertThat(card.getJsonObject("class").getString("name")).isEqualTo("6A2");
    assertThat(card.getJsonObject("class").getJsonObject("homeroomTeacher").getString("name")).isEqualTo("Trần Văn Nam");
    assertThat(card.getJsonObject("school").getString("name")).isEqualTo("THCS Nguyễn Du");
    JsonArray guardians = card.getJsonArray("guardians");
    assertThat(field(guardians, "name")).containsExactly("Nguyễn Văn Phụ", "Trần Thị Mẹ");
    assertThat(field(guardians, "relationship")).containsExactly("father", "mother");
    assertThat(card.encode()).doesNotContain("+8490");
  }

  @Test
  void the_school_staff_see_a_departed_students_card_marked_not_current() {
    JsonObject card = ok("/students/ST4", TestDistrict.accountantOfSchool1());
    assertThat(card.getBoolean("current")).isFalse();
    assertThat(card.getString("status")).isEqualTo("transferred");
  }

  @Test
  void a_class_shows_its_homeroom_and_subject_teachers_and_counts_only_current_students() {
    JsonObject c = ok("/classes/S1-6A1", TestDistrict.mathsTeacherOf6A1());
    assertThat(c.getJsonObject("homeroomTeacher").getString("name")).isEqualTo("Nguyễn Thị Hoa");
    assertThat(c.getJsonArray("subjects").getJsonObject(0).getString("subject")).isEqualTo("Toán");
    assertThat(c.getJsonArray("subjects").getJsonObject(0).getJsonObject("teacher").getString("code")).isEqualTo("T3");
    assertThat(c.getInteger("studentCount")).isEqualTo(1);
  }

  @Test
  void a_roster_lists_current_students_with_guardians_and_whether_each_phone_is_usable() {
    JsonObject page = ok("/classes/S9-8C1/students", TestDistrict.teacherOfSchool9());
    assertThat(page.getValue("nextCursor")).isNull();
    assertThat(page.containsKey("nextCursor")).isTrue();
    JsonObject khang = page.getJsonArray("items").getJsonObject(0);
    assertThat(khang.getString("id")).isEqualTo("ST9");
    JsonArray guardians = khang.getJsonArray("guardians");
    assertThat(field(guardians, "id")).containsExactly(1009, 1010);
    assertThat(field(guardians, "phoneUsable")).containsExactly(true, false);
    assertThat(field(ok("/classes/S1-6A1/students", TestDistrict.principalOfSchool1()).getJsonArray("items"), "id"))
        .as("the departed ST4 is not on the roster").containsExactly("ST1");
  }

  @Test
  void a_school_profile_counts_its_classes_and_current_students() {
    JsonObject s = ok("/schools/S1", TestDistrict.districtOfficer());
    assertThat(s.getString("name")).isEqualTo("THCS Nguyễn Du");
    assertThat(s.getString("districtCode")).isEqualTo("PGD01");
    assertThat(s.getInteger("classCount")).isEqualTo(2);
    assertThat(s.getInteger("studentCount")).isEqualTo(2);
  }

  @Test
  void roster_pages_neither_skip_nor_repeat_students_when_others_are_added_between_requests() {
    api.sql("INSERT INTO directory.school_class (code, school_code, name, grade, school_year, homeroom_teacher_code, upstream_updated_at)"
        + " VALUES ('S2-7B2', 'S2', '7B2', 7, '2026-2027', 'T4', now())");
    api.sql("INSERT INTO directory.student (national_id, full_name, class_code, status, upstream_updated_at)"
        + " SELECT 'P' || lpad(i::text, 3, '0'), 'Học Sinh ' || lpad((i * 2)::text, 3, '0'), 'S2-7B2', 'studying', now()"
        + " FROM generate_series(1, 25) i");
    Caller teacher = TestDistrict.teacherOfSchool2();
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = ok("/classes/S2-7B2/students?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), teacher);
      page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getString("name")));
      cursor = page.getString("nextCursor");
      if (pages == 0) {
        // After the first page: one student sorts before everything seen, one right after the cursor, one at the end.
        api.sql("INSERT INTO directory.student (national_id, full_name, class_code, status, upstream_updated_at) VALUES"
            + " ('Q1', 'Học Sinh 000', 'S2-7B2', 'studying', now()),"
            + " ('Q2', 'Học Sinh 015', 'S2-7B2', 'studying', now()),"
            + " ('Q3', 'Học Sinh 999', 'S2-7B2', 'studying', now())");
      }
      pages++;
    } while (cursor != null && pages < 20);
    assertThat(seen).doesNotHaveDuplicates().isSorted();
    List<String> original = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      original.add(String.format("Học Sinh %03d", i * 2));
    }
    assertThat(seen).containsAll(original).contains("Học Sinh 015", "Học Sinh 999").doesNotContain("Học Sinh 000");
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void a_malformed_or_foreign_cursor_is_a_400_naming_cursor() {
    String token = api.token(TestDistrict.homeroomTeacherOf6A1());
    String foreign = vn.lienlac.api.v1.Cursor.of("audit", Long.class, Long.class).encode(1L, 2L);
    for (String cursor : List.of("not-base64-json", foreign, "WyJjbGFzcy1yb3N0ZXIiLDFd")) {
      HttpResponse<String> r = api.get("/api/v1/classes/S1-6A1/students?cursor=" + cursor, token);
      assertThat(r.statusCode()).as(cursor).isEqualTo(400);
      JsonObject problem = new JsonObject(r.body());
      assertThat(problem.getString("type")).endsWith("/request-invalid");
      assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("cursor");
    }
  }

  @Test
  void a_limit_outside_1_to_200_is_a_400_naming_limit() {
    String token = api.token(TestDistrict.homeroomTeacherOf6A1());
    for (String limit : List.of("0", "201", "ten")) {
      HttpResponse<String> r = api.get("/api/v1/classes/S1-6A1/students?limit=" + limit, token);
      assertThat(r.statusCode()).as(limit).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("field")).as(r.body()).isEqualTo("limit");
    }
  }
}
