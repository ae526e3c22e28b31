package vn.lienlac.api.access;

import io.vertx.sqlclient.Tuple;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;

/**
 * Who may see what, decided from the directory in one place and enforced inside each query: a feature
 * starts its SQL with {@link #WITH}, joins the {@code reach_*} relation that fits, and binds
 * {@link #params(Caller, Object...)}, whose first {@value #CALLER_PARAMS} parameters describe the
 * caller; the feature's own parameters start at {@code $6}. Rows outside the caller's reach are never
 * read, so nothing is filtered afterwards, and "not yours" is indistinguishable from "does not exist".
 *
 * <p>The relations (every one is {@code NOT MATERIALIZED}, so the planner pushes a feature's
 * conditions into it; the ones a query does not mention cost nothing):
 * <table>
 * <tr><th>relation</th><th>guardian</th><th>teacher</th><th>accountant, principal</th><th>district officer</th></tr>
 * <tr><td>{@code reach_school(school_code)}: school profiles</td><td>none</td><td>own school</td>
 *     <td>own school</td><td>schools whose education office is their district</td></tr>
 * <tr><td>{@code reach_class(class_code, school_code)}</td><td>none</td><td>classes of their school they
 *     are homeroom teacher of or assigned to</td><td>every class of their school</td><td>none</td></tr>
 * <tr><td>{@code reach_student(student_id, class_code, school_code, current)}</td><td>their children through
 *     standing links, departed ones included ({@code current = false})</td><td>current students of their
 *     classes</td><td>every student of their school's classes, departed included</td><td>none</td></tr>
 * <tr><td>{@code reach_guardian(guardian_id)}: whom the caller may address now</td><td>themself</td>
 *     <td colspan="2">guardians of the current students in reach</td><td>none</td></tr>
 * <tr><td>{@code reach_finance_student(student_id)}: invoices, payments by student</td><td>their children,
 *     departed included</td><td>none</td><td>none (they use {@code reach_finance_school})</td><td>none</td></tr>
 * <tr><td>{@code reach_finance_school(school_code)}: invoices, payments by school</td><td>none</td><td>none</td>
 *     <td>own school</td><td>none</td></tr>
 * </table>
 *
 * <p>Departed students (status other than studying, or removed upstream): their guardians keep seeing
 * them, their past invoices and the messages they received (history stays theirs), but are no longer
 * addressed: {@code reach_guardian} and class audiences count current students only, so new class
 * messages do not reach them. Teachers stop seeing a student who left; the school's accountant and
 * principal keep seeing them (refunds, records). A link removed upstream ({@code guardian_student.removed_at})
 * or a guardian removed upstream ends that guardian's reach at once, whatever their token says.
 *
 * <p>Records overseen rather than reached (audit trail, reports) carry {@code school_code} and
 * {@code district_code} columns; {@link #OVERSEEN} is the condition on them: principals their school,
 * district officers their district, nobody else. District officers see reports only: no student,
 * class or guardian row is in their reach.
 */
public final class Reach {

  /** Parameters {@code $1..$5}: role, guardian id, school, district, teacher code. */
  public static final int CALLER_PARAMS = 5;
  public static final String GUARDIAN = "guardian";

  /** The reach relations as a {@code WITH} clause; a query adds {@code , its_own AS (…)} or goes on with {@code SELECT}. */
  public static final String WITH = """
      WITH reach_school AS NOT MATERIALIZED (
        SELECT sc.code AS school_code
          FROM directory.school sc
         WHERE sc.removed_at IS NULL
           AND (($1 IN ('teacher', 'accountant', 'principal') AND sc.code = $3)
             OR ($1 = 'district_officer' AND sc.education_office_code = $4))
      ),
      reach_class AS NOT MATERIALIZED (
        SELECT c.code AS class_code, c.school_code
          FROM directory.school_class c
         WHERE c.removed_at IS NULL AND c.school_code = $3
           AND ($1 IN ('accountant', 'principal')
             OR ($1 = 'teacher' AND c.code IN (
                   SELECT h.code FROM directory.school_class h WHERE h.homeroom_teacher_code = $5
                   UNION
                   SELECT ta.class_code FROM directory.teaching_assignment ta
                    WHERE ta.teacher_code = $5 AND ta.removed_at IS NULL)))
      ),
      reach_student AS NOT MATERIALIZED (
        SELECT s.national_id AS student_id, s.class_code, c.school_code, s.active AS current
          FROM directory.guardian_student gs
          JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
          JOIN directory.student s ON s.national_id = gs.student_id
          LEFT JOIN directory.school_class c ON c.code = s.class_code
         WHERE $1 = 'guardian' AND gs.guardian_id = $2 AND gs.removed_at IS NULL
        UNION ALL
        SELECT s.national_id, s.class_code, rc.school_code, true
          FROM reach_class rc
          JOIN directory.student s ON s.class_code = rc.class_code AND s.active
         WHERE $1 = 'teacher'
        UNION ALL
        SELECT s.national_id, s.class_code, c.school_code, s.active
          FROM directory.school_class c
          JOIN directory.student s ON s.class_code = c.code
         WHERE $1 IN ('accountant', 'principal') AND c.school_code = $3
      ),
      reach_guardian AS NOT MATERIALIZED (
        SELECT g.id AS guardian_id
          FROM directory.guardian g
         WHERE $1 = 'guardian' AND g.id = $2 AND g.removed_at IS NULL
        UNION ALL
        SELECT DISTINCT gs.guardian_id
          FROM reach_student rs
          JOIN directory.guardian_student gs ON gs.student_id = rs.student_id AND gs.removed_at IS NULL
          JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
         WHERE $1 <> 'guardian' AND rs.current
      ),
      reach_finance_student AS NOT MATERIALIZED (
        SELECT rs.student_id FROM reach_student rs WHERE $1 = 'guardian'
      ),
      reach_finance_school AS NOT MATERIALIZED (
        SELECT sc.code AS school_code
          FROM directory.school sc
         WHERE $1 IN ('accountant', 'principal') AND sc.code = $3
      )
      """;

  /**
   * Condition on a row's unqualified {@code school_code} and {@code district_code} columns: the caller
   * oversees it (principal: their school; district officer: their district). Once the caller's role is
   * bound it folds to one indexable comparison.
   */
  public static final String OVERSEEN = """
      (CASE $1 WHEN 'principal' THEN school_code = $3
               WHEN 'district_officer' THEN district_code = $4
               ELSE false END)""";

  private Reach() {}

  /** The caller's five parameters followed by the feature's own ({@code $6} onwards). */
  public static Tuple params(Caller caller, Object... featureParams) {
    Tuple t = Tuple.tuple()
        .addString(roleOf(caller))
        .addLong(caller.isGuardian() ? caller.accountId() : null)
        .addString(caller.schoolCode())
        .addString(caller.districtCode())
        .addString(caller.teacherCode());
    for (Object p : featureParams) {
      t.addValue(p);
    }
    return t;
  }

  /** {@code guardian} or the staff role code, as the reach relations compare it. */
  public static String roleOf(Caller caller) {
    return caller.isGuardian() ? GUARDIAN : caller.role().code();
  }

  /** Whether any record is {@link #OVERSEEN} by this caller; others are told such listings do not exist. */
  public static boolean oversees(Caller caller) {
    return caller.is(StaffRole.PRINCIPAL) || caller.is(StaffRole.DISTRICT_OFFICER);
  }
}
