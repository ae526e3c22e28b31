package vn.lienlac.api.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.realtime.RealtimeEvents;
import vn.lienlac.messaging.thread.OfficeHours;

/**
 * Stores one message in a thread, inside the caller's transaction: the message row (kind {@code thread},
 * straight to {@code queued}), a recipient row (and count) per guardian participant other than the author,
 * the thread's newest activity, the author's read position; for a guardian's message the staff side's
 * office hours (queue it with {@code deliver_after} and auto-reply once per closed period), for a staff
 * member's message the audit entry; last, {@code message.created} to every other participant, in sorted
 * subject order (their event counters stay locked until commit).
 */
final class ThreadPosting {

  /** School year of the student's class, else the one running now (August to July, in Vietnam). */
  private static final String INSERT_MESSAGE = """
      INSERT INTO messaging.message (kind, thread_id, sender_subject, sender_role, sender_name, district_code,
                                     school_code, body, school_year, status, idempotency_key)
      SELECT 'thread', t.id, $2, $3, $4, t.district_code, t.school_code, $5,
             coalesce((SELECT c.school_year FROM directory.student s
                         JOIN directory.school_class c ON c.code = s.class_code
                        WHERE s.national_id = t.student_id),
                      to_char((now() AT TIME ZONE 'Asia/Ho_Chi_Minh') - interval '7 months', 'YYYY') || '-'
                        || (to_char((now() AT TIME ZONE 'Asia/Ho_Chi_Minh') - interval '7 months', 'YYYY')::int + 1)),
             'queued', $6
        FROM messaging.thread t
       WHERE t.id = $1
      ON CONFLICT (sender_subject, idempotency_key) DO NOTHING
      RETURNING id, created_at""";

  /** Guardian participants other than the author whose link to the student still stands. */
  private static final String ADD_RECIPIENTS = """
      WITH added AS (
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code)
        SELECT $1, p.guardian_id, ARRAY[t.student_id], t.school_code
          FROM messaging.thread_participant p
          JOIN messaging.thread t ON t.id = p.thread_id
          JOIN directory.guardian_student gs ON gs.student_id = t.student_id AND gs.guardian_id = p.guardian_id
                                             AND gs.removed_at IS NULL
          JOIN directory.guardian g ON g.id = p.guardian_id AND g.removed_at IS NULL
         WHERE p.thread_id = $2 AND p.guardian_id IS NOT NULL AND p.guardian_id IS DISTINCT FROM $3
        RETURNING guardian_id),
      counted AS (
        INSERT INTO messaging.message_count AS mc (message_id, shard, recipients)
        SELECT $1, (guardian_id % 16)::smallint, count(*) FROM added GROUP BY 2
        ON CONFLICT (message_id, shard) DO UPDATE SET recipients = mc.recipients + EXCLUDED.recipients)
      SELECT guardian_id FROM added ORDER BY guardian_id""";

  private static final String TOUCH_THREAD = """
      UPDATE messaging.thread SET last_message_id = greatest(last_message_id, $2), last_message_at = $3,
             staff_id = coalesce(staff_id, $4)
       WHERE id = $1""";

  private static final String READ_OWN = """
      UPDATE messaging.thread_participant SET last_read_message_id = greatest(last_read_message_id, $3), read_at = now()
       WHERE thread_id = $1 AND party = $2""";

  /** The staff account of the thread (found by teacher code when the thread has none yet), names, language. */
  private static final String CONTEXT = """
      SELECT coalesce(t.staff_id, sa.id) AS staff_id,
             coalesce(tc.full_name, own.display_name, sa.display_name) AS staff_name,
             g.full_name AS guardian_name, g.language AS guardian_language
        FROM messaging.thread t
        LEFT JOIN api.staff_account sa ON t.staff_id IS NULL AND sa.teacher_code = t.teacher_code
                                       AND sa.disabled_reason IS DISTINCT FROM 'teacher_removed'
        LEFT JOIN api.staff_account own ON own.id = t.staff_id
        LEFT JOIN directory.teacher tc ON tc.code = t.teacher_code
        LEFT JOIN directory.guardian g ON g.id = $2
       WHERE t.id = $1""";

  static final String OFFICE_HOURS = """
      SELECT enabled, windows, auto_reply_vi, auto_reply_en FROM messaging.office_hours WHERE staff_id = $1""";

  private static final String QUEUE_FOR_STAFF = """
      INSERT INTO messaging.thread_staff_delivery (message_id, thread_id, deliver_after) VALUES ($1, $2, $3)""";

  /** One auto-reply per closed period: only the first message of the period moves the mark. */
  private static final String CLAIM_AUTO_REPLY = """
      UPDATE messaging.thread_participant SET auto_replied_for = $3
       WHERE thread_id = $1 AND party = $2 AND (auto_replied_for IS NULL OR auto_replied_for < $3)
      RETURNING thread_id""";

  private final RealtimeEvents events;
  private final AuditLog audit;
  private final Clock clock;

  ThreadPosting(RealtimeEvents events, AuditLog audit, Clock clock) {
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  /** The message already stored under this idempotency key by this sender. */
  static final class AlreadyPosted extends RuntimeException {
    AlreadyPosted() {
      super("idempotency key already used", null, false, false);
    }
  }

  private record Event(String subject, String type, JsonObject data) {}

  private record Context(Long staffId, String staffName, String guardianName, String guardianLanguage) {}

  Future<PostedMessage> post(SqlConnection tx, Caller author, AuditActor actor, ThreadRef thread, String body,
                             String idempotencyKey) {
    Instant now = clock.instant();
    List<Event> out = new ArrayList<>();
    Long guardianId = author.isGuardian() ? author.accountId() : null;
    return tx.preparedQuery(CONTEXT).execute(Tuple.of(thread.id(), guardianId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Context(r.getLong("staff_id"), r.getString("staff_name"), r.getString("guardian_name"),
              r.getString("guardian_language"));
        })
        .compose(context -> {
          String role = author.isGuardian() ? "guardian" : Reach.roleOf(author);
          String name = author.isGuardian() ? context.guardianName() : context.staffName();
          return tx.preparedQuery(INSERT_MESSAGE)
              .execute(Tuple.of(thread.id(), author.subject(), role, name, body, idempotencyKey))
              .compose(inserted -> {
                if (inserted.size() == 0) {
                  return Future.failedFuture(new AlreadyPosted());
                }
                Row m = inserted.iterator().next();
                long messageId = m.getLong("id");
                OffsetDateTime createdAt = m.getOffsetDateTime("created_at");
                return delivered(tx, thread, messageId, guardianId, createdAt, context, out)
                    .compose(v -> author.isGuardian()
                        ? officeHours(tx, author, thread, messageId, now, context, out)
                        : audited(tx, actor, thread, messageId).map(x -> new PostedMessage(messageId, thread.id(),
                            createdAt, null, null)))
                    .map(p -> new PostedMessage(messageId, thread.id(), createdAt, p.deliverAfter(), p.autoReply()));
              });
        })
        .compose(posted -> tx.preparedQuery(READ_OWN)
            .execute(Tuple.of(thread.id(), party(author), posted.id())).map(posted))
        .compose(posted -> publish(tx, out).map(posted));
  }

  static String party(Caller caller) {
    return caller.isGuardian() ? "g:" + caller.accountId() : "staff";
  }

  /** Recipient rows for the other guardians, the thread's newest activity, events to those guardians. */
  private Future<Void> delivered(SqlConnection tx, ThreadRef thread, long messageId, Long authorGuardian,
                                 OffsetDateTime at, Context context, List<Event> out) {
    return tx.preparedQuery(ADD_RECIPIENTS).execute(Tuple.of(messageId, thread.id(), authorGuardian))
        .compose(added -> {
          added.forEach(g -> out.add(created("g:" + g.getLong("guardian_id"), messageId, thread.id())));
          return tx.preparedQuery(TOUCH_THREAD).execute(Tuple.of(thread.id(), messageId, at, context.staffId()));
        })
        .mapEmpty();
  }

  private Future<PostedMessage> officeHours(SqlConnection tx, Caller guardian, ThreadRef thread, long messageId,
                                            Instant now, Context context, List<Event> out) {
    if (context.staffId() == null) {
      return Future.succeededFuture(new PostedMessage(messageId, thread.id(), null, null, null));
    }
    String staffSubject = "s:" + context.staffId();
    return tx.preparedQuery(OFFICE_HOURS).execute(Tuple.of(context.staffId())).compose(rows -> {
      OfficeHours hours = rows.size() == 0 ? OfficeHours.ALWAYS_OPEN : officeHoursOf(rows.iterator().next());
      Optional<Instant> opening = hours.nextOpening(now);
      if (opening.isEmpty()) {
        out.add(created(staffSubject, messageId, thread.id()));
        return Future.succeededFuture(new PostedMessage(messageId, thread.id(), null, null, null));
      }
      OffsetDateTime deliverAfter = opening.get().atOffset(ZoneOffset.UTC);
      return tx.preparedQuery(QUEUE_FOR_STAFF).execute(Tuple.of(messageId, thread.id(), deliverAfter))
          .compose(q -> tx.preparedQuery(CLAIM_AUTO_REPLY).execute(Tuple.of(thread.id(), party(guardian), deliverAfter)))
          .compose(claimed -> claimed.size() == 0
              ? Future.succeededFuture((JsonObject) null)
              : autoReply(tx, guardian, thread, hours.autoReplyIn(context.guardianLanguage()), context, out))
          .map(reply -> new PostedMessage(messageId, thread.id(), null, deliverAfter, reply));
    });
  }

  static OfficeHours officeHoursOf(Row r) {
    Object windows = r.getValue("windows");
    JsonArray json = windows instanceof JsonArray a ? a : new JsonArray(String.valueOf(windows));
    return new OfficeHours(r.getBoolean("enabled"), OfficeHours.windowsFromJson(json), r.getString("auto_reply_vi"),
        r.getString("auto_reply_en"));
  }

  /** The staff member's auto-reply as a system message in the thread, for the writing guardian only. */
  private Future<JsonObject> autoReply(SqlConnection tx, Caller guardian, ThreadRef thread, String text,
                                       Context context, List<Event> out) {
    return tx.preparedQuery(INSERT_MESSAGE)
        .execute(Tuple.of(thread.id(), "system", "system", context.staffName(), text, null))
        .compose(rows -> {
          Row m = rows.iterator().next();
          long replyId = m.getLong("id");
          OffsetDateTime at = m.getOffsetDateTime("created_at");
          return tx.preparedQuery(ADD_ONE_RECIPIENT).execute(Tuple.of(replyId, thread.id(), guardian.accountId()))
              .compose(v -> tx.preparedQuery(TOUCH_THREAD).execute(Tuple.of(thread.id(), replyId, at, null)))
              .map(v -> {
                out.add(created(guardian.subject(), replyId, thread.id()));
                return new JsonObject().put("id", replyId).put("threadId", thread.id())
                    .put("author", new JsonObject().put("kind", "system").put("name", context.staffName()))
                    .put("body", text).put("createdAt", at.toInstant().toString()).put("mine", false)
                    .put("deliverAfter", null);
              });
        });
  }

  private static final String ADD_ONE_RECIPIENT = """
      WITH added AS (
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code)
        SELECT $1, $3, ARRAY[t.student_id], t.school_code FROM messaging.thread t WHERE t.id = $2
        RETURNING guardian_id)
      INSERT INTO messaging.message_count AS mc (message_id, shard, recipients)
      SELECT $1, (guardian_id % 16)::smallint, 1 FROM added
      ON CONFLICT (message_id, shard) DO UPDATE SET recipients = mc.recipients + 1""";

  private Future<Void> audited(SqlConnection tx, AuditActor actor, ThreadRef thread, long messageId) {
    return audit.record(tx, AuditEntry.of(actor, "thread.message_posted", "thread", String.valueOf(thread.id()))
            .atSchool(thread.schoolCode())
            .change(null, new JsonObject().put("threadId", thread.id()).put("messageId", messageId)
                .put("studentId", thread.studentId())))
        .mapEmpty();
  }

  private static Event created(String subject, long messageId, long threadId) {
    return new Event(subject, RealtimeEvents.MESSAGE_CREATED,
        new JsonObject().put("messageId", messageId).put("kind", "thread").put("threadId", threadId));
  }

  /** Publishes late in the transaction and in subject order, so concurrent posts cannot deadlock. */
  private Future<Void> publish(SqlConnection tx, List<Event> out) {
    out.sort(Comparator.comparing(Event::subject).thenComparing(e -> e.data().getLong("messageId")));
    Future<Void> chain = Future.succeededFuture();
    for (Event e : out) {
      chain = chain.compose(v -> events.publish(tx, e.subject(), e.type(), e.data()).mapEmpty());
    }
    return chain;
  }
}
