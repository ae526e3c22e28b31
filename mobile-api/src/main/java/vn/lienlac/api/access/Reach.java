package vn.lienlac.api.access;

import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lienlac.api.auth.Caller;

/**
 * Who may see what, decided from the directory in one place ({@link ReachRules}, role by role) and
 * enforced inside each query. A feature writes its SQL once, against the reach relations, as a
 * {@link Query} ({@code Reach.query("SELECT … FROM reach_student rs … WHERE rs.student_id = $6")}), runs
 * {@code query.sql(caller)} and binds {@link #params(Caller, Object...)}, whose first {@value #CALLER_PARAMS}
 * parameters describe the caller; the feature's own parameters start at {@code $6}. Rows outside the
 * caller's reach are never read, so nothing is filtered afterwards, and "not yours" is indistinguishable
 * from "does not exist".
 *
 * <p>Each query exists in one variant per role, holding only that role's rules: the planner sees plain
 * joins (no role tests), and with prepared-statement caching a variant's generic plan serves every caller
 * of that role. Every relation is {@code NOT MATERIALIZED}, so a feature's conditions are pushed into it;
 * relations a query does not mention cost nothing.
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
 * <tr><td>{@code reach_overseen(alias)}: a condition on records overseen (audit, reports)</td><td>none</td>
 *     <td>none</td><td>principal: own school</td><td>their district</td></tr>
 * </table>
 *
 * <p>Departed students (status other than studying, or removed upstream): their guardians keep seeing
 * them, their past invoices and the messages they received (history stays theirs), but are no longer
 * addressed: {@code reach_guardian} and class audiences count current students only, so new class
 * messages do not reach them. Teachers stop seeing a student who left; the school's accountant and
 * principal keep seeing them (refunds, records). A link removed upstream ({@code guardian_student.removed_at})
 * or a guardian removed upstream ends that guardian's reach at once, whatever their token says.
 *
 * <p>Records overseen rather than reached (the audit trail, reports) carry {@code school_code} and
 * {@code district_code} columns; a query writes {@code reach_overseen(e)} where the condition belongs
 * ({@code e} the row's alias), and each variant puts its role's condition there. District officers see
 * reports only: no student, class or guardian row is in their reach.
 */
public final class Reach {

  /** Parameters {@code $1..$5}: role, guardian id, school, district, teacher code. */
  public static final int CALLER_PARAMS = 5;
  public static final String GUARDIAN = "guardian";

  private static final Pattern OVERSEEN = Pattern.compile("reach_overseen\\((\\w+)\\)");

  /**
   * A feature's query over the reach relations, one SQL text per role. The text follows the reach
   * {@code WITH} clause: it starts with {@code SELECT}, or with {@code , its_own AS (…)} for more CTEs.
   */
  public static final class Query {
    private final Map<String, String> byRole;

    private Query(Map<String, String> byRole) {
      this.byRole = byRole;
    }

    /** The text to run for this caller. */
    public String sql(Caller caller) {
      return byRole.get(roleOf(caller));
    }
  }

  /** Builds the per-role variants once; keep the result in a constant next to the code that runs it. */
  public static Query query(String featureSql) {
    Map<String, String> byRole = new HashMap<>();
    ReachRules.BY_ROLE.forEach((role, rules) -> byRole.put(role, rules.with()
        + OVERSEEN.matcher(featureSql).replaceAll(m -> Matcher.quoteReplacement(
            "(" + String.format(rules.overseen(), m.group(1)) + ")"))));
    return new Query(Map.copyOf(byRole));
  }

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

  /** Whether any record is overseen ({@code reach_overseen}) by this caller; others are told such listings do not exist. */
  public static boolean oversees(Caller caller) {
    return !ReachRules.BY_ROLE.get(roleOf(caller)).overseesNothing();
  }
}
