package vn.lienlac.api.access;

import java.util.Map;

/**
 * The rules of {@link Reach}, role by role: the body of each reach relation for a caller of that role.
 * A role that reaches nothing of a kind gets an empty relation of the same shape. Parameters: {@code $1}
 * role, {@code $2} guardian id, {@code $3} school, {@code $4} district, {@code $5} teacher code.
 *
 * @param overseen the condition on a row (alias {@code %1$s}) with {@code school_code} and
 *     {@code district_code} columns that the caller oversees (audit, reports)
 */
record ReachRules(String school, String schoolClass, String student, String guardian, String financeStudent,
                  String financeSchool, String overseen) {

  private static final String NO_SCHOOL = "SELECT NULL::text AS school_code WHERE false";
  private static final String OWN_SCHOOL = """
      SELECT sc.code AS school_code FROM directory.school sc WHERE sc.code = $3 AND sc.removed_at IS NULL""";
  private static final String SCHOOLS_OF_DISTRICT = """
      SELECT sc.code AS school_code
        FROM directory.school sc
       WHERE sc.education_office_code = $4 AND sc.removed_at IS NULL""";

  private static final String NO_CLASS = "SELECT NULL::text AS class_code, NULL::text AS school_code WHERE false";
  /** Classes of their school they lead as homeroom teacher or are assigned to; a removed assignment no longer counts. */
  private static final String CLASSES_TAUGHT = """
      SELECT c.code AS class_code, c.school_code
        FROM directory.school_class c
       WHERE c.removed_at IS NULL AND c.school_code = $3
         AND c.code IN (SELECT h.code FROM directory.school_class h WHERE h.homeroom_teacher_code = $5
                        UNION
                        SELECT ta.class_code FROM directory.teaching_assignment ta
                         WHERE ta.teacher_code = $5 AND ta.removed_at IS NULL)""";
  private static final String CLASSES_OF_SCHOOL = """
      SELECT c.code AS class_code, c.school_code
        FROM directory.school_class c
       WHERE c.removed_at IS NULL AND c.school_code = $3""";

  private static final String NO_STUDENT = """
      SELECT NULL::text AS student_id, NULL::text AS class_code, NULL::text AS school_code, NULL::boolean AS current
       WHERE false""";
  /** Their children through links that still stand, whether still at school or not; none once the guardian is removed. */
  private static final String CHILDREN = """
      SELECT s.national_id AS student_id, s.class_code, c.school_code, s.active AS current
        FROM directory.guardian_student gs
        JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
        JOIN directory.student s ON s.national_id = gs.student_id
        LEFT JOIN directory.school_class c ON c.code = s.class_code
       WHERE gs.guardian_id = $2 AND gs.removed_at IS NULL""";
  private static final String CURRENT_STUDENTS_OF_CLASSES = """
      SELECT s.national_id AS student_id, s.class_code, rc.school_code, true AS current
        FROM reach_class rc
        JOIN directory.student s ON s.class_code = rc.class_code AND s.active""";
  /** Every student whose class is of the school, including those who left (records, refunds). */
  private static final String STUDENTS_OF_SCHOOL = """
      SELECT s.national_id AS student_id, s.class_code, c.school_code, s.active AS current
        FROM directory.school_class c
        JOIN directory.student s ON s.class_code = c.code
       WHERE c.school_code = $3""";

  private static final String NO_GUARDIAN = "SELECT NULL::bigint AS guardian_id WHERE false";
  private static final String THEMSELF = """
      SELECT g.id AS guardian_id FROM directory.guardian g WHERE g.id = $2 AND g.removed_at IS NULL""";
  /** Whom staff may address: guardians of the current students in reach (not those of departed students). */
  private static final String GUARDIANS_OF_CURRENT_STUDENTS = """
      SELECT DISTINCT gs.guardian_id
        FROM reach_student rs
        JOIN directory.guardian_student gs ON gs.student_id = rs.student_id AND gs.removed_at IS NULL
        JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
       WHERE rs.current""";

  private static final String NO_FINANCE_STUDENT = "SELECT NULL::text AS student_id WHERE false";
  private static final String OWN_CHILDREN_FINANCES = "SELECT rs.student_id FROM reach_student rs";

  private static final String OVERSEES_NOTHING = "false";

  static final Map<String, ReachRules> BY_ROLE = Map.of(
      Reach.GUARDIAN, new ReachRules(NO_SCHOOL, NO_CLASS, CHILDREN, THEMSELF, OWN_CHILDREN_FINANCES, NO_SCHOOL,
          OVERSEES_NOTHING),
      "teacher", new ReachRules(OWN_SCHOOL, CLASSES_TAUGHT, CURRENT_STUDENTS_OF_CLASSES, GUARDIANS_OF_CURRENT_STUDENTS,
          NO_FINANCE_STUDENT, NO_SCHOOL, OVERSEES_NOTHING),
      "accountant", new ReachRules(OWN_SCHOOL, CLASSES_OF_SCHOOL, STUDENTS_OF_SCHOOL, GUARDIANS_OF_CURRENT_STUDENTS,
          NO_FINANCE_STUDENT, OWN_SCHOOL, OVERSEES_NOTHING),
      "principal", new ReachRules(OWN_SCHOOL, CLASSES_OF_SCHOOL, STUDENTS_OF_SCHOOL, GUARDIANS_OF_CURRENT_STUDENTS,
          NO_FINANCE_STUDENT, OWN_SCHOOL, "%1$s.school_code = $3"),
      "district_officer", new ReachRules(SCHOOLS_OF_DISTRICT, NO_CLASS, NO_STUDENT, NO_GUARDIAN, NO_FINANCE_STUDENT,
          NO_SCHOOL, "%1$s.district_code = $4"));

  boolean overseesNothing() {
    return overseen.equals(OVERSEES_NOTHING);
  }

  /**
   * The {@code WITH} clause for this role. {@code reach_caller} is never read: it gives every caller
   * parameter its type, so that each variant of a query takes the same five parameters.
   */
  String with() {
    return "WITH reach_caller AS NOT MATERIALIZED (\n"
        + "  SELECT $1::text AS role, $2::bigint AS guardian_id, $3::text AS school_code, $4::text AS district_code,"
        + " $5::text AS teacher_code),\n"
        + relation("reach_school", school) + ",\n"
        + relation("reach_class", schoolClass) + ",\n"
        + relation("reach_student", student) + ",\n"
        + relation("reach_guardian", guardian) + ",\n"
        + relation("reach_finance_student", financeStudent) + ",\n"
        + relation("reach_finance_school", financeSchool) + "\n";
  }

  private static String relation(String name, String body) {
    return name + " AS NOT MATERIALIZED (\n" + body.strip() + "\n)";
  }
}
