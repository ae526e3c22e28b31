package vn.lienlac.api.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.realtime.RealtimeEvents;
import vn.lienlac.api.v1.Page;

/** The caller's threads (newest activity first), one thread with its messages (newest first), read marks. */
final class ThreadReading {

  private static final String SUMMARY = """
      SELECT t.id, t.subject, t.student_id, s.full_name AS student_name, t.teacher_code,
             coalesce(tc.full_name, sa.display_name) AS staff_name, t.opened_by, t.origin_message_id,
             t.created_at, t.last_message_at, t.last_message_id, v.can_post, v.unread,
             (SELECT coalesce(json_agg(json_build_object('id', p.guardian_id, 'name', g.full_name) ORDER BY p.guardian_id),
                              '[]'::json)
                FROM messaging.thread_participant p JOIN directory.guardian g ON g.id = p.guardian_id
               WHERE p.thread_id = t.id) AS guardians
        FROM visible v
        JOIN messaging.thread t ON t.id = v.thread_id
        LEFT JOIN directory.student s ON s.national_id = t.student_id
        LEFT JOIN directory.teacher tc ON tc.code = t.teacher_code
        LEFT JOIN api.staff_account sa ON sa.id = t.staff_id
      """;

  private static final ThreadAccess.Query LIST = ThreadAccess.query(SUMMARY + """
       WHERE ($7::bigint IS NULL OR t.last_message_id < $7)
       ORDER BY t.last_message_id DESC
       LIMIT $8""");

  static final ThreadAccess.Query ONE = ThreadAccess.query(SUMMARY + " WHERE t.id = $7");

  private static final ThreadAccess.Query MESSAGES = ThreadAccess.query("""
      SELECT m.id, m.sender_subject, m.sender_role, m.sender_name, m.body, m.created_at, m.recalled_at,
             d.deliver_after, d.released_at
        FROM visible v
        JOIN messaging.message m ON m.thread_id = v.thread_id
        LEFT JOIN messaging.thread_staff_delivery d ON d.message_id = m.id
       WHERE v.thread_id = $7 AND ($8::bigint IS NULL OR m.id < $8) AND {{own_system}}
       ORDER BY m.id DESC
       LIMIT $9""");

  /** The thread, if the caller takes part in it (principals who only read do not), locked for the read mark. */
  private static final ThreadAccess.Query PARTICIPATING = ThreadAccess.query("""
      SELECT t.id, t.last_message_id, t.staff_id, v.can_post
        FROM visible v JOIN messaging.thread t ON t.id = v.thread_id
       WHERE t.id = $7""");

  private static final String MOVE_READ_POSITION = """
      UPDATE messaging.thread_participant SET last_read_message_id = $3, read_at = now()
       WHERE thread_id = $1 AND party = $2 AND last_read_message_id < $3
      RETURNING last_read_message_id""";

  /** A guardian's recipient rows of the thread up to the position, read now; their count shard follows. */
  private static final String READ_RECIPIENT_ROWS = """
      WITH newly_read AS (
        UPDATE messaging.recipient r SET read_at = now()
          FROM messaging.message m
         WHERE m.id = r.message_id AND m.thread_id = $1 AND r.guardian_id = $2 AND r.message_id <= $3
           AND r.read_at IS NULL
        RETURNING r.message_id)
      UPDATE messaging.message_count mc SET read = mc.read + 1
        FROM newly_read n
       WHERE mc.message_id = n.message_id AND mc.shard = ($2 % 16)::smallint""";

  private static final String OTHER_GUARDIANS = """
      SELECT guardian_id FROM messaging.thread_participant
       WHERE thread_id = $1 AND guardian_id IS NOT NULL ORDER BY 'g:' || guardian_id""";

  static final vn.lienlac.api.v1.Cursor THREADS_CURSOR = vn.lienlac.api.v1.Cursor.of("threads", Long.class);
  static final vn.lienlac.api.v1.Cursor MESSAGES_CURSOR = vn.lienlac.api.v1.Cursor.of("thread-messages", Long.class);

  private final Pool pool;
  private final RealtimeEvents events;

  ThreadReading(Pool pool, RealtimeEvents events) {
    this.pool = pool;
    this.events = events;
  }

  Future<List<Row>> list(Caller caller, Page.Request page) {
    return rows(pool, LIST.sql(caller), ThreadAccess.params(caller, page.after(0), page.fetch()));
  }

  /** The thread's summary, or null when the caller cannot see it. */
  Future<JsonObject> summary(SqlConnection conn, Caller caller, long threadId) {
    return conn.preparedQuery(ONE.sql(caller)).execute(ThreadAccess.params(caller, threadId))
        .map(rows -> rows.size() == 0 ? null : summaryJson(rows.iterator().next()));
  }

  Future<List<Row>> messages(Caller caller, long threadId, Page.Request page) {
    return rows(pool, MESSAGES.sql(caller), ThreadAccess.params(caller, threadId, page.after(0), page.fetch()));
  }

  private static Future<List<Row>> rows(Pool pool, String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params).map(rs -> {
      List<Row> out = new ArrayList<>();
      rs.forEach(out::add);
      return out;
    });
  }

  static JsonObject summaryJson(Row r) {
    String teacherCode = r.getString("teacher_code");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("subject", r.getString("subject"))
        .put("student", new JsonObject().put("id", r.getString("student_id")).put("name", r.getString("student_name")))
        .put("staff", new JsonObject().put("teacherCode", teacherCode).put("name", r.getString("staff_name")))
        .put("guardians", new JsonArray(String.valueOf(r.getValue("guardians"))))
        .put("openedBy", r.getString("opened_by").startsWith("g:") ? "guardian" : "staff")
        .put("originMessageId", r.getLong("origin_message_id"))
        .put("createdAt", instant(r.getOffsetDateTime("created_at")))
        .put("lastMessageAt", instant(r.getOffsetDateTime("last_message_at")))
        .put("unread", r.getBoolean("unread"))
        .put("canPost", r.getBoolean("can_post"));
  }

  static JsonObject messageJson(Caller caller, Row r, Instant now) {
    String role = r.getString("sender_role");
    OffsetDateTime deliverAfter = r.getOffsetDateTime("deliver_after");
    boolean recalled = r.getOffsetDateTime("recalled_at") != null;
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("author", new JsonObject()
            .put("kind", "guardian".equals(role) ? "guardian" : "system".equals(role) ? "system" : "staff")
            .put("name", r.getString("sender_name")))
        .put("body", recalled ? null : r.getString("body"))
        .put("recalled", recalled)
        .put("createdAt", instant(r.getOffsetDateTime("created_at")))
        .put("mine", caller.subject().equals(r.getString("sender_subject")))
        .put("deliverAfter", deliverAfter == null ? null : instant(deliverAfter))
        .put("queued", deliverAfter != null && r.getOffsetDateTime("released_at") == null
            && deliverAfter.toInstant().isAfter(now));
  }

  private static String instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  /**
   * Moves the caller's read position forward to {@code upTo} (default: the newest message) and, for a
   * guardian, marks their recipient rows of the thread read (so the inbox agrees); tells the other side
   * ({@code message.read}) when the position moved. Null when the caller does not take part.
   */
  Future<JsonObject> markRead(SqlConnection tx, Caller caller, long threadId, Long upTo) {
    return tx.preparedQuery(PARTICIPATING.sql(caller)).execute(ThreadAccess.params(caller, threadId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row t = rows.iterator().next();
      if (!caller.isGuardian() && !t.getBoolean("can_post")) {
        return Future.succeededFuture(null); // a principal reading along does not take part
      }
      long newest = t.getLong("last_message_id");
      long position = upTo == null ? newest : Math.min(upTo, newest);
      String party = ThreadPosting.party(caller);
      return tx.preparedQuery(MOVE_READ_POSITION).execute(Tuple.of(threadId, party, position)).compose(moved -> {
        Future<Void> recipients = caller.isGuardian()
            ? tx.preparedQuery(READ_RECIPIENT_ROWS).execute(Tuple.of(threadId, caller.accountId(), position)).mapEmpty()
            : Future.succeededFuture();
        JsonObject answer = new JsonObject().put("threadId", threadId).put("lastReadMessageId", position);
        if (moved.size() == 0) {
          return recipients.map(answer);
        }
        JsonObject data = new JsonObject().put("kind", "thread").put("threadId", threadId)
            .put("upToMessageId", position).put("reader", caller.isGuardian() ? "guardian" : "staff");
        return recipients.compose(v -> tellOthers(tx, caller, threadId, t.getLong("staff_id"), data)).map(answer);
      });
    });
  }

  private Future<Void> tellOthers(SqlConnection tx, Caller reader, long threadId, Long staffId, JsonObject data) {
    if (reader.isGuardian()) {
      return staffId == null ? Future.succeededFuture()
          : events.publish(tx, "s:" + staffId, RealtimeEvents.MESSAGE_READ, data).mapEmpty();
    }
    return tx.preparedQuery(OTHER_GUARDIANS).execute(Tuple.of(threadId)).compose(guardians -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row g : guardians) {
        chain = chain.compose(v -> events.publish(tx, "g:" + g.getLong("guardian_id"), RealtimeEvents.MESSAGE_READ, data)
            .mapEmpty());
      }
      return chain;
    });
  }
}
