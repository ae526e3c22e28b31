package vn.lienlac.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.api.testing.ApiTestServer.await;

import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

/** The reach relations themselves, role by role, on the test district (see {@link TestDistrict}). */
class ReachTest {

  static ApiTestServer api;

  @BeforeAll
  static void start() {
    api = ApiTestServer.start("reach");
    TestDistrict.create(api);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static List<String> reach(Caller caller, String select) {
    List<String> out = new ArrayList<>();
    for (Row r : await(api.pool.preparedQuery(Reach.query(select + " ORDER BY 1").sql(caller)).execute(Reach.params(caller)))) {
      out.add(String.valueOf(r.getValue(0)));
    }
    return out;
  }

  private static List<String> students(Caller c) {
    return reach(c, "SELECT student_id FROM reach_student");
  }

  private static List<String> guardians(Caller c) {
    return reach(c, "SELECT guardian_id FROM reach_guardian");
  }

  @Test
  void guardians_reach_their_own_children_siblings_included_and_nobody_elses() {
    assertThat(students(TestDistrict.guardian(TestDistrict.G1))).containsExactly("ST1", "ST2");
    assertThat(students(TestDistrict.guardian(TestDistrict.G2))).containsExactly("ST2");
    assertThat(students(TestDistrict.guardian(TestDistrict.G3))).containsExactly("ST3");
    assertThat(guardians(TestDistrict.guardian(TestDistrict.G1))).containsExactly("1001");
    assertThat(reach(TestDistrict.guardian(TestDistrict.G1), "SELECT class_code FROM reach_class")).isEmpty();
    assertThat(reach(TestDistrict.guardian(TestDistrict.G1), "SELECT school_code FROM reach_school")).isEmpty();
  }

  @Test
  void a_departed_students_guardian_keeps_the_child_and_its_finances_but_is_no_longer_addressed_by_the_school() {
    Caller g4 = TestDistrict.guardian(TestDistrict.G4);
    assertThat(reach(g4, "SELECT student_id || ':' || current FROM reach_student")).containsExactly("ST4:false");
    assertThat(reach(g4, "SELECT student_id FROM reach_finance_student")).containsExactly("ST4");
    assertThat(students(TestDistrict.homeroomTeacherOf6A1())).doesNotContain("ST4");
    assertThat(guardians(TestDistrict.homeroomTeacherOf6A1())).doesNotContain("1004");
    assertThat(guardians(TestDistrict.principalOfSchool1())).doesNotContain("1004");
    assertThat(students(TestDistrict.principalOfSchool1())).contains("ST4");
  }

  @Test
  void teachers_reach_the_classes_they_lead_or_teach_their_current_students_and_those_students_guardians() {
    assertThat(reach(TestDistrict.homeroomTeacherOf6A1(), "SELECT class_code FROM reach_class")).containsExactly("S1-6A1");
    assertThat(reach(TestDistrict.mathsTeacherOf6A1(), "SELECT class_code FROM reach_class")).containsExactly("S1-6A1");
    assertThat(reach(TestDistrict.homeroomTeacherOf6A2(), "SELECT class_code FROM reach_class")).containsExactly("S1-6A2");
    assertThat(students(TestDistrict.homeroomTeacherOf6A1())).containsExactly("ST1");
    assertThat(students(TestDistrict.mathsTeacherOf6A1())).containsExactly("ST1");
    assertThat(students(TestDistrict.homeroomTeacherOf6A2())).containsExactly("ST2");
    assertThat(students(TestDistrict.teacherOfSchool2())).containsExactly("ST3");
    assertThat(guardians(TestDistrict.homeroomTeacherOf6A2())).containsExactly("1001", "1002");
    assertThat(guardians(TestDistrict.teacherOfSchool9())).containsExactly("1009", "1010");
    assertThat(reach(TestDistrict.homeroomTeacherOf6A1(), "SELECT student_id FROM reach_finance_student")).isEmpty();
    assertThat(reach(TestDistrict.homeroomTeacherOf6A1(), "SELECT school_code FROM reach_finance_school")).isEmpty();
  }

  @Test
  void accountants_and_principals_reach_their_whole_school_departed_students_included() {
    for (Caller c : List.of(TestDistrict.accountantOfSchool1(), TestDistrict.principalOfSchool1())) {
      assertThat(reach(c, "SELECT class_code FROM reach_class")).containsExactly("S1-6A1", "S1-6A2");
      assertThat(students(c)).containsExactly("ST1", "ST2", "ST4");
      assertThat(reach(c, "SELECT school_code FROM reach_school")).containsExactly("S1");
      assertThat(reach(c, "SELECT school_code FROM reach_finance_school")).containsExactly("S1");
      assertThat(reach(c, "SELECT student_id FROM reach_finance_student")).isEmpty();
    }
  }

  @Test
  void a_district_officer_reaches_the_schools_of_the_district_only_and_no_pupil() {
    Caller officer = TestDistrict.districtOfficer();
    assertThat(reach(officer, "SELECT school_code FROM reach_school")).containsExactly("S1", "S2");
    assertThat(reach(officer, "SELECT class_code FROM reach_class")).isEmpty();
    assertThat(students(officer)).isEmpty();
    assertThat(guardians(officer)).isEmpty();
    assertThat(reach(officer, "SELECT school_code FROM reach_finance_school")).isEmpty();
  }

  @Test
  void a_link_or_guardian_removed_upstream_ends_the_guardians_reach_at_once() {
    try {
      api.sql("UPDATE directory.guardian_student SET removed_at = now() WHERE student_id = 'ST2' AND guardian_id = 1002");
      assertThat(students(TestDistrict.guardian(TestDistrict.G2))).isEmpty();
      assertThat(guardians(TestDistrict.homeroomTeacherOf6A2())).containsExactly("1001");
      api.sql("UPDATE directory.guardian SET removed_at = now() WHERE id = 1003");
      assertThat(students(TestDistrict.guardian(TestDistrict.G3))).isEmpty();
      assertThat(guardians(TestDistrict.guardian(TestDistrict.G3))).isEmpty();
    } finally {
      api.sql("UPDATE directory.guardian_student SET removed_at = NULL WHERE student_id = 'ST2' AND guardian_id = 1002",
          "UPDATE directory.guardian SET removed_at = NULL WHERE id = 1003");
    }
  }

  @Test
  void an_assignment_removed_upstream_takes_the_class_away_from_the_subject_teacher() {
    try {
      api.sql("UPDATE directory.teaching_assignment SET removed_at = now() WHERE teacher_code = 'T3'");
      assertThat(reach(TestDistrict.mathsTeacherOf6A1(), "SELECT class_code FROM reach_class")).isEmpty();
      assertThat(students(TestDistrict.mathsTeacherOf6A1())).isEmpty();
    } finally {
      api.sql("UPDATE directory.teaching_assignment SET removed_at = NULL WHERE teacher_code = 'T3'");
    }
  }

  @Test
  void every_role_has_its_rules_and_only_principals_and_district_officers_oversee_records() {
    Reach.Query q = Reach.query("SELECT 1 FROM api.audit_event e WHERE reach_overseen(e)");
    assertThat(q.sql(TestDistrict.principalOfSchool1())).contains("WHERE (e.school_code = $3)");
    assertThat(q.sql(TestDistrict.districtOfficer())).contains("WHERE (e.district_code = $4)");
    for (Caller c : List.of(TestDistrict.guardian(TestDistrict.G1), TestDistrict.homeroomTeacherOf6A1(),
        TestDistrict.accountantOfSchool1())) {
      assertThat(q.sql(c)).contains("WHERE (false)");
      assertThat(Reach.oversees(c)).isFalse();
    }
    assertThat(Reach.oversees(TestDistrict.principalOfSchool1())).isTrue();
    assertThat(Reach.oversees(TestDistrict.districtOfficer())).isTrue();
    for (vn.lienlac.api.auth.StaffRole role : vn.lienlac.api.auth.StaffRole.values()) {
      assertThat(q.sql(Caller.staff(1, role, "S1", "PGD01", null, "s"))).as(role.code()).startsWith("WITH reach_caller");
    }
  }

  @Test
  void a_lookup_by_student_is_pushed_into_the_reach_and_read_by_key() {
    // The test tables are tiny, so forbid sequential scans: an index path must exist for the plan to avoid one.
    List<String> plan = new ArrayList<>();
    await(api.pool.withTransaction(tx -> tx.query("SET LOCAL enable_seqscan = off").execute()
        .compose(v -> tx.preparedQuery("EXPLAIN " + Reach.query("SELECT * FROM reach_student WHERE student_id = $6").sql(TestDistrict.principalOfSchool1()))
            .execute(Reach.params(TestDistrict.principalOfSchool1(), "ST1")))))
        .forEach(r -> plan.add(r.getString(0)));
    assertThat(String.join("\n", plan)).contains("student_pkey").doesNotContain("Seq Scan on student");
  }
}
