package vn.lienlac.api.threads;

import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;

/**
 * Which threads a caller may see, as the CTE {@code visible(thread_id, can_post, unread)} placed before
 * a thread query; {@code $6} is always the caller's account id (guardian or staff), a feature's own
 * parameters start at {@code $7}.
 * <ul>
 * <li>Guardians: threads they take part in, about a child in their {@code reach_student} (standing link);
 *     they may post while the child is still at school. Unread: a recipient row of theirs in the thread
 *     not yet read (the inbox and the thread share that state).</li>
 * <li>Staff taking part (the thread's staff account, or its teacher by directory code): while the student
 *     is in their {@code reach_student}, or always for a guardian's reply to their own announcement (the
 *     guardian chose to write to them). Unread: a guardian's message after their read position.</li>
 * <li>Principals also read, but never post in, every thread of their school ({@code reach_school}).</li>
 * </ul>
 * Everyone else: the thread does not exist for them (404).
 */
final class ThreadAccess {

  private static final String GUARDIAN = """
      , visible AS NOT MATERIALIZED (
        SELECT t.id AS thread_id, rs.current AS can_post,
               EXISTS (SELECT 1 FROM messaging.message um
                         JOIN messaging.recipient ur ON ur.message_id = um.id AND ur.guardian_id = $6
                        WHERE um.thread_id = t.id AND ur.read_at IS NULL) AS unread
          FROM messaging.thread_participant p
          JOIN messaging.thread t ON t.id = p.thread_id
          JOIN reach_student rs ON rs.student_id = t.student_id
         WHERE p.guardian_id = $6)
      """;

  private static final String STAFF = """
      , visible AS NOT MATERIALIZED (
        SELECT x.thread_id, x.can_post,
               x.can_post AND EXISTS (SELECT 1 FROM messaging.thread_participant sp
                                        JOIN messaging.message um ON um.thread_id = sp.thread_id
                                         AND um.id > sp.last_read_message_id AND um.sender_role = 'guardian'
                                       WHERE sp.thread_id = x.thread_id AND sp.party = 'staff') AS unread
          FROM (SELECT t.id AS thread_id,
                       coalesce((t.staff_id = $6 OR t.teacher_code = $5)
                                AND (t.student_id IN (SELECT student_id FROM reach_student)
                                     OR (t.origin_message_id IS NOT NULL AND t.staff_id = $6)), false) AS can_post,
                       ($1 = 'principal' AND t.school_code IN (SELECT school_code FROM reach_school)) AS reads
                  FROM messaging.thread t
                 WHERE t.staff_id = $6 OR t.teacher_code = $5 OR ($1 = 'principal' AND t.school_code = $3)) x
         WHERE x.can_post OR x.reads)
      """;

  /** A thread query in its two variants; the text after the access CTE starts with {@code SELECT}. */
  record Query(Reach.Query guardian, Reach.Query staff) {
    String sql(Caller caller) {
      return (caller.isGuardian() ? guardian : staff).sql(caller);
    }
  }

  private ThreadAccess() {}

  /**
   * @param featureSql the query after the CTE; {@code {{own_system}}} marks where a guardian's variant
   *     hides system messages (auto-replies) addressed to another guardian, alias {@code m}
   */
  static Query query(String featureSql) {
    String forGuardian = featureSql.replace("{{own_system}}",
        "(m.sender_role <> 'system' OR EXISTS (SELECT 1 FROM messaging.recipient sr"
            + " WHERE sr.message_id = m.id AND sr.guardian_id = $6))");
    String forStaff = featureSql.replace("{{own_system}}", "true");
    return new Query(Reach.query(GUARDIAN + forGuardian), Reach.query(STAFF + forStaff));
  }

  /** The caller's five reach parameters, their account id ({@code $6}), then the feature's own. */
  static io.vertx.sqlclient.Tuple params(Caller caller, Object... featureParams) {
    Object[] all = new Object[featureParams.length + 1];
    all[0] = caller.accountId();
    System.arraycopy(featureParams, 0, all, 1, featureParams.length);
    return Reach.params(caller, all);
  }
}
