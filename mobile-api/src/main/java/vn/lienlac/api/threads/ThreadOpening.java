package vn.lienlac.api.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;

/**
 * Opens threads: a teacher (or the principal) with the guardians of one current student in their reach;
 * a guardian with the homeroom teacher (the default) or a subject teacher of their child, alone (the
 * other guardians of the child are not drawn in); a guardian's private reply to an announcement, with its
 * sender, about one of their children it named (one thread per announcement, guardian and student).
 * There is no way to name a guardian as the other side: guardians never reach other guardians.
 */
final class ThreadOpening {

  /**
   * The student, if a current one in the caller's reach, with the teacher a guardian names ($7, or the
   * homeroom teacher when null) when that teacher teaches the child's class, and that teacher's account.
   */
  private static final Reach.Query TARGET = Reach.query("""
      SELECT rs.student_id, rs.school_code, sc.education_office_code AS district_code,
             tc.code AS teacher_code,
             (SELECT sa.id FROM api.staff_account sa
               WHERE sa.teacher_code = tc.code AND sa.disabled_reason IS DISTINCT FROM 'teacher_removed') AS staff_id
        FROM reach_student rs
        JOIN directory.school_class c ON c.code = rs.class_code
        JOIN directory.school sc ON sc.code = rs.school_code
        LEFT JOIN directory.teacher tc
               ON tc.code = coalesce($7, c.homeroom_teacher_code) AND tc.removed_at IS NULL
              AND (tc.code = c.homeroom_teacher_code
                   OR EXISTS (SELECT 1 FROM directory.teaching_assignment ta
                               WHERE ta.teacher_code = tc.code AND ta.class_code = c.code AND ta.removed_at IS NULL))
       WHERE rs.student_id = $6 AND rs.current""");

  private static final String INSERT_THREAD = """
      INSERT INTO messaging.thread (school_code, district_code, student_id, teacher_code, staff_id, subject, opened_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      RETURNING id, school_code, student_id, teacher_code, staff_id""";

  private static final String ADD_STAFF_SIDE = """
      INSERT INTO messaging.thread_participant (thread_id, party) VALUES ($1, 'staff') ON CONFLICT DO NOTHING""";

  private static final String ADD_GUARDIAN = """
      INSERT INTO messaging.thread_participant (thread_id, party, guardian_id) VALUES ($1, 'g:' || $2::bigint, $2::bigint)
      ON CONFLICT DO NOTHING""";

  /** Every guardian of the student the staff member may address ($6 student, $7 thread). */
  private static final Reach.Query ADD_GUARDIANS_OF_STUDENT = Reach.query("""
      , added AS (
        INSERT INTO messaging.thread_participant (thread_id, party, guardian_id)
        SELECT $7, 'g:' || gs.guardian_id, gs.guardian_id
          FROM directory.guardian_student gs
         WHERE gs.student_id = $6 AND gs.removed_at IS NULL
           AND gs.guardian_id IN (SELECT guardian_id FROM reach_guardian)
        RETURNING guardian_id)
      SELECT count(*) AS guardians FROM added""");

  /** The announcement the guardian received ($6), with the children it named who are still at school. */
  private static final Reach.Query REPLY_SOURCE = Reach.query("""
      SELECT m.id, m.sender_subject, coalesce(m.title, m.body) AS topic,
             coalesce((SELECT array_agg(rs.student_id ORDER BY rs.student_id) FROM reach_student rs
                        WHERE rs.student_id = ANY (r.student_ids) AND rs.current), '{}') AS children
        FROM messaging.recipient r
        JOIN messaging.message m ON m.id = r.message_id
       WHERE r.message_id = $6 AND r.guardian_id = $2 AND m.kind = 'announcement'
         AND m.status <> 'recalled' AND m.recalled_at IS NULL""");

  private static final String OPEN_REPLY_THREAD = """
      INSERT INTO messaging.thread (school_code, district_code, student_id, teacher_code, staff_id, subject, opened_by,
                                    origin_message_id, origin_guardian_id)
      SELECT c.school_code, sc.education_office_code, s.national_id, sa.teacher_code, $2::bigint, left($4, 200),
             'g:' || $3::bigint, $5, $3::bigint
        FROM directory.student s
        JOIN directory.school_class c ON c.code = s.class_code
        JOIN directory.school sc ON sc.code = c.school_code
        LEFT JOIN api.staff_account sa ON sa.id = $2::bigint
       WHERE s.national_id = $1
      ON CONFLICT (origin_message_id, origin_guardian_id, student_id) WHERE origin_message_id IS NOT NULL DO NOTHING
      RETURNING id""";

  private static final String REPLY_THREAD = """
      SELECT id FROM messaging.thread WHERE origin_message_id = $1 AND origin_guardian_id = $2 AND student_id = $3""";

  static final String LOCK_THREAD = """
      SELECT id, school_code, student_id, teacher_code, staff_id FROM messaging.thread WHERE id = $1 FOR UPDATE""";

  private final ThreadPosting posting;
  private final AuditLog audit;

  ThreadOpening(ThreadPosting posting, AuditLog audit) {
    this.posting = posting;
    this.audit = audit;
  }

  record Opened(long threadId, PostedMessage message) {}

  /** {@code POST /threads}: {@code studentId}, {@code subject}, {@code body}, a guardian's {@code teacherCode}. */
  Future<Opened> open(SqlConnection tx, Caller caller, AuditActor actor, JsonObject request, String idempotencyKey) {
    String studentId = request.getString("studentId");
    String teacherCode = request.getString("teacherCode");
    if (!caller.isGuardian()) {
      if (!caller.is(StaffRole.TEACHER) && !caller.is(StaffRole.PRINCIPAL)) {
        return Future.failedFuture(Refusal.notFound()); // no student is theirs to write about
      }
      if (teacherCode != null && !teacherCode.equals(caller.teacherCode())) {
        return Future.failedFuture(Refusal.field("thread-teacher-invalid", "/teacherCode",
            "staff open threads as themselves: leave teacherCode out"));
      }
    }
    Object named = caller.isGuardian() ? teacherCode : caller.teacherCode();
    return tx.preparedQuery(TARGET.sql(caller)).execute(Reach.params(caller, studentId, named)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Refusal.notFound());
      }
      Row target = rows.iterator().next();
      if (caller.isGuardian()) {
        return openAsGuardian(tx, caller, target, request, idempotencyKey);
      }
      return openAsStaff(tx, caller, actor, target, request, idempotencyKey);
    });
  }

  private Future<Opened> openAsGuardian(SqlConnection tx, Caller guardian, Row target, JsonObject request,
                                        String idempotencyKey) {
    if (target.getString("teacher_code") == null) {
      return Future.failedFuture(Refusal.field("thread-teacher-invalid", "/teacherCode",
          "must be the homeroom teacher or a subject teacher of this student's class"));
    }
    return tx.preparedQuery(INSERT_THREAD).execute(Tuple.of(target.getString("school_code"),
            target.getString("district_code"), target.getString("student_id"), target.getString("teacher_code"),
            target.getLong("staff_id"), request.getString("subject"), guardian.subject()))
        .map(rows -> ThreadRef.of(rows.iterator().next()))
        .compose(thread -> tx.preparedQuery(ADD_STAFF_SIDE).execute(Tuple.of(thread.id()))
            .compose(v -> tx.preparedQuery(ADD_GUARDIAN).execute(Tuple.of(thread.id(), guardian.accountId())))
            .compose(v -> posting.post(tx, guardian, null, thread, request.getString("body"), idempotencyKey))
            .map(posted -> new Opened(thread.id(), posted)));
  }

  private Future<Opened> openAsStaff(SqlConnection tx, Caller staff, AuditActor actor, Row target, JsonObject request,
                                     String idempotencyKey) {
    String teacherCode = staff.is(StaffRole.TEACHER) ? staff.teacherCode() : null;
    return tx.preparedQuery(INSERT_THREAD).execute(Tuple.of(target.getString("school_code"),
            target.getString("district_code"), target.getString("student_id"), teacherCode, staff.accountId(),
            request.getString("subject"), staff.subject()))
        .map(rows -> ThreadRef.of(rows.iterator().next()))
        .compose(thread -> tx.preparedQuery(ADD_STAFF_SIDE).execute(Tuple.of(thread.id()))
            .compose(v -> tx.preparedQuery(ADD_GUARDIANS_OF_STUDENT.sql(staff))
                .execute(Reach.params(staff, thread.studentId(), thread.id())))
            .compose(added -> added.iterator().next().getLong("guardians") == 0
                ? Future.failedFuture(Refusal.field("thread-without-guardians", "/studentId",
                    "no guardian of this student can be reached"))
                : audit.record(tx, AuditEntry.of(actor, "thread.opened", "thread", String.valueOf(thread.id()))
                    .atSchool(thread.schoolCode())
                    .change(null, new JsonObject().put("studentId", thread.studentId())
                        .put("subject", request.getString("subject")))))
            .compose(v -> posting.post(tx, staff, actor, thread, request.getString("body"), idempotencyKey))
            .map(posted -> new Opened(thread.id(), posted)));
  }

  /** {@code POST /messages/{id}/replies}: a guardian's private reply to an announcement they received. */
  Future<Opened> reply(SqlConnection tx, Caller guardian, long announcementId, JsonObject request,
                       String idempotencyKey) {
    if (!guardian.isGuardian()) {
      return Future.failedFuture(Refusal.notFound()); // staff reply in threads, not to announcements
    }
    return tx.preparedQuery(REPLY_SOURCE.sql(guardian)).execute(Reach.params(guardian, announcementId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Refusal.notFound());
          }
          Row source = rows.iterator().next();
          String student = chooseStudent(source.getArrayOfStrings("children"), request.getString("studentId"));
          String sender = source.getString("sender_subject");
          if (sender == null || !sender.matches("s:[0-9]{1,18}")) {
            return Future.failedFuture(Refusal.field("reply-not-possible", "/", "this message cannot be answered"));
          }
          long staffId = Long.parseLong(sender.substring(2));
          return tx.preparedQuery(OPEN_REPLY_THREAD).execute(Tuple.of(student, staffId, guardian.accountId(),
                  source.getString("topic"), announcementId))
              .compose(opened -> opened.size() == 1
                  ? addReplyParties(tx, opened.iterator().next().getLong("id"), guardian)
                  : tx.preparedQuery(REPLY_THREAD).execute(Tuple.of(announcementId, guardian.accountId(), student))
                      .map(found -> found.size() == 0 ? null : found.iterator().next().getLong("id")))
              .compose(threadId -> {
                if (threadId == null) { // the student's class is gone from the directory
                  return Future.failedFuture(Refusal.field("reply-not-possible", "/", "this message cannot be answered"));
                }
                return tx.preparedQuery(LOCK_THREAD).execute(Tuple.of(threadId))
                    .map(locked -> ThreadRef.of(locked.iterator().next()))
                    .compose(thread -> posting.post(tx, guardian, null, thread, request.getString("body"), idempotencyKey))
                    .map(posted -> new Opened(threadId, posted));
              });
        });
  }

  private Future<Long> addReplyParties(SqlConnection tx, long threadId, Caller guardian) {
    return tx.preparedQuery(ADD_STAFF_SIDE).execute(Tuple.of(threadId))
        .compose(v -> tx.preparedQuery(ADD_GUARDIAN).execute(Tuple.of(threadId, guardian.accountId())))
        .map(threadId);
  }

  /** The child a reply is about: the one named, which must be among the announcement's; or the only one. */
  private static String chooseStudent(String[] children, String named) {
    if (named != null) {
      for (String c : children) {
        if (c.equals(named)) {
          return c;
        }
      }
      throw Refusal.field("reply-student-invalid", "/studentId",
          "must be one of your children this message was about, still at school");
    }
    if (children.length == 1) {
      return children[0];
    }
    throw Refusal.field("reply-student-invalid", "/studentId", children.length == 0
        ? "none of your children this message was about is still at school"
        : "required: this message was about several of your children; say which one the reply is about");
  }
}
