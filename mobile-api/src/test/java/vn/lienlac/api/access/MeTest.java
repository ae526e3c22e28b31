package vn.lienlac.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

class MeTest {

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("me");
    TestDistrict.create(api);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonObject me(Caller caller) {
    HttpResponse<String> r = api.get("/api/v1/me", api.token(caller));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static List<Object> field(JsonArray items, String name) {
    return items.stream().map(o -> ((JsonObject) o).getValue(name)).toList();
  }

  @Test
  void a_guardian_sees_their_name_and_each_child_with_class_school_and_relationship() {
    JsonObject me = me(TestDistrict.guardian(TestDistrict.G1));
    assertThat(me.getString("kind")).isEqualTo("guardian");
    assertThat(me.getLong("id")).isEqualTo(TestDistrict.G1);
    assertThat(me.getString("displayName")).isEqualTo("Nguyễn Văn Phụ");
    JsonArray students = me.getJsonArray("students");
    assertThat(field(students, "id")).containsExactly("ST1", "ST2");
    JsonObject an = students.getJsonObject(0);
    assertThat(an.getString("name")).isEqualTo("Nguyễn Minh An");
    assertThat(an.getString("relationship")).isEqualTo("father");
    assertThat(an.getBoolean("current")).isTrue();
    assertThat(an.getJsonObject("class").getString("name")).isEqualTo("6A1");
    assertThat(an.getJsonObject("school").getString("name")).isEqualTo("THCS Nguyễn Du");
    assertThat(students.getJsonObject(1).getJsonObject("class").getString("name")).isEqualTo("6A2");
    assertThat(me.getJsonArray("classes")).isEmpty();
    assertThat(me.getJsonArray("schools")).isEmpty();
  }

  @Test
  void a_second_guardian_of_a_sibling_sees_only_that_child_with_their_own_relationship() {
    JsonArray students = me(TestDistrict.guardian(TestDistrict.G2)).getJsonArray("students");
    assertThat(field(students, "id")).containsExactly("ST2");
    assertThat(students.getJsonObject(0).getString("relationship")).isEqualTo("mother");
  }

  @Test
  void the_guardian_of_a_departed_student_still_sees_the_child_marked_as_no_longer_current() {
    JsonArray students = me(TestDistrict.guardian(TestDistrict.G4)).getJsonArray("students");
    assertThat(field(students, "id")).containsExactly("ST4");
    assertThat(students.getJsonObject(0).getBoolean("current")).isFalse();
    assertThat(students.getJsonObject(0).getString("status")).isEqualTo("transferred");
  }

  @Test
  void a_teacher_sees_their_directory_name_and_classes_with_homeroom_and_subjects() {
    JsonObject homeroom = me(TestDistrict.homeroomTeacherOf6A1());
    assertThat(homeroom.getString("displayName")).isEqualTo("Nguyễn Thị Hoa");
    assertThat(homeroom.getString("teacherCode")).isEqualTo("T1");
    JsonArray classes = homeroom.getJsonArray("classes");
    assertThat(field(classes, "code")).containsExactly("S1-6A1");
    assertThat(classes.getJsonObject(0).getBoolean("homeroom")).isTrue();
    assertThat(classes.getJsonObject(0).getJsonArray("subjects")).isEmpty();
    assertThat(classes.getJsonObject(0).getJsonObject("school").getString("code")).isEqualTo("S1");
    assertThat(field(homeroom.getJsonArray("schools"), "code")).containsExactly("S1");
    assertThat(homeroom.getJsonArray("students")).isEmpty();

    JsonObject maths = me(TestDistrict.mathsTeacherOf6A1());
    JsonObject taught = maths.getJsonArray("classes").getJsonObject(0);
    assertThat(taught.getString("code")).isEqualTo("S1-6A1");
    assertThat(taught.getBoolean("homeroom")).isFalse();
    assertThat(taught.getJsonArray("subjects")).containsExactly("Toán");
  }

  @Test
  void a_principal_sees_every_class_of_the_school_and_has_no_directory_name() {
    JsonObject me = me(TestDistrict.principalOfSchool1());
    assertThat(me.getString("role")).isEqualTo("principal");
    assertThat(me.getValue("displayName")).isNull();
    assertThat(me.containsKey("displayName")).isTrue();
    assertThat(field(me.getJsonArray("classes"), "code")).containsExactly("S1-6A1", "S1-6A2");
    assertThat(field(me.getJsonArray("classes"), "homeroom")).containsOnly(false);
    assertThat(field(me.getJsonArray("schools"), "code")).containsExactly("S1");
  }

  @Test
  void a_district_officer_sees_the_district_and_its_schools_but_not_a_school_of_another_district() {
    JsonObject me = me(TestDistrict.districtOfficer());
    assertThat(me.getString("districtCode")).isEqualTo("PGD01");
    assertThat(field(me.getJsonArray("schools"), "code")).containsExactlyInAnyOrder("S1", "S2");
    assertThat(me.getJsonArray("classes")).isEmpty();
    assertThat(me.getJsonArray("students")).isEmpty();
  }
}
