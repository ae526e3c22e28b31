package vn.lienlac.infra.bench;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import vn.lienlac.infra.support.db.PgUrl;

/**
 * The benchmark's work, written straight into the database so that only delivery is measured:
 * announcements to N guardians (one app installation each), {@link #PER_MESSAGE} recipients each, held
 * until released one by one at the offered rate, in a school whose plan is push only (so every
 * delivery ends in FCM: accepted, or failed for a dead token). "Queued" is when its message was
 * released, so the latency includes dispatch.
 */
final class DeliveryBenchData {

  static final String SCHOOL = "BENCH01";

  /** Recipients per message: a large school's announcement. */
  static final int PER_MESSAGE = 5_000;

  record Progress(long accepted, long failed, long open, long recipientsWaiting) {}

  private DeliveryBenchData() {}

  static void seed(PgUrl db, int guardians) throws SQLException {
    try (Connection c = connect(db); Statement s = c.createStatement()) {
      s.execute("INSERT INTO directory.guardian (id, full_name, phone_e164, language, upstream_updated_at) "
          + "SELECT g, 'PH ' || g, '+849' || lpad(g::text, 8, '0'), 'vi', now() FROM generate_series(1, " + guardians + ") g");
      s.execute("INSERT INTO api.device (installation_id, guardian_id, platform, push_token, app_version) "
          + "SELECT 'bench-' || g, g, CASE WHEN g % 3 = 0 THEN 'ios' ELSE 'android' END, 'bench-token-' || g, '1.0' "
          + "FROM generate_series(1, " + guardians + ") g");
      s.execute("INSERT INTO delivery.school_policy (school_code, plans) VALUES ('" + SCHOOL + "', "
          + "'{\"normal\": [[\"push\"]]}'::jsonb)");
      s.execute("INSERT INTO messaging.message (id, kind, sender_subject, sender_role, school_code, title, body, "
          + "priority, school_year, status, send_at) SELECT k, 'announcement', 's:1', 'principal', '" + SCHOOL + "', "
          + "'Thông báo', 'Học sinh nghỉ học ngày mai do bão.', 'normal', '2026-2027', 'scheduled', now() + interval '1 day' "
          + "FROM generate_series(1, " + messages(guardians) + ") k");
      s.execute("INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code) "
          + "SELECT (g - 1) / " + PER_MESSAGE + " + 1, g, ARRAY['HS' || g], '" + SCHOOL + "' FROM generate_series(1, "
          + guardians + ") g");
      s.execute("INSERT INTO messaging.message_count (message_id, shard, recipients) "
          + "SELECT message_id, guardian_id % 16, count(*) FROM messaging.recipient GROUP BY 1, 2");
      s.execute("ANALYZE");
    }
  }

  static int messages(int guardians) {
    return (guardians + PER_MESSAGE - 1) / PER_MESSAGE;
  }

  /** The message becomes queued: from here on the clock of each of its deliveries runs. */
  static void release(Connection c, int message) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("UPDATE messaging.message SET status = 'queued', send_at = now() WHERE id = " + message);
    }
  }

  static Progress progress(PgUrl db) throws SQLException {
    try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
        SELECT count(*) FILTER (WHERE state = 'accepted'), count(*) FILTER (WHERE state IN ('failed', 'unknown')),
               count(*) FILTER (WHERE state NOT IN ('accepted', 'failed', 'unknown')),
               (SELECT count(*) FROM messaging.recipient WHERE delivery_state IN ('pending', 'sending'))
        FROM delivery.attempt""")) {
      r.next();
      return new Progress(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
    }
  }

  /**
   * The sustained rate counts acceptances in the middle 80% of the span from the first to the last
   * acceptance (start-up and the tail are not steady state); the overall rate divides all of them by
   * the span from the first release to the last acceptance. Latency runs from the message's release.
   */
  static JsonObject measure(PgUrl db) throws SQLException {
    try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
        WITH acc AS (
          SELECT a.accepted_at, extract(epoch FROM a.accepted_at - m.send_at) * 1000 AS ms
          FROM delivery.attempt a JOIN messaging.message m ON m.id = a.recipient_message_id
          WHERE a.state = 'accepted'),
        span AS (SELECT min(accepted_at) AS first, max(accepted_at) AS last,
                        (max(accepted_at) - min(accepted_at)) / 10 AS tenth FROM acc)
        SELECT (SELECT count(*) FROM acc, span WHERE acc.accepted_at BETWEEN span.first + span.tenth
                                                                         AND span.last - span.tenth)
                 / greatest(0.001, (SELECT extract(epoch FROM (last - first) - 2 * tenth) FROM span)),
               (SELECT count(*) FROM acc) / greatest(0.001, extract(epoch FROM
                 (SELECT last FROM span) - (SELECT min(send_at) FROM messaging.message))),
               (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) FROM acc),
               (SELECT count(*) FROM messaging.recipient rc
                 WHERE NOT EXISTS (SELECT 1 FROM delivery.attempt a WHERE a.recipient_message_id = rc.message_id
                                     AND a.recipient_guardian_id = rc.guardian_id)),
               (SELECT count(*) FROM delivery.attempt WHERE state NOT IN ('accepted', 'failed', 'unknown'))
        """)) {
      r.next();
      return new JsonObject().put("rate_per_s", Math.round(r.getDouble(1))).put("overall_rate_per_s", Math.round(r.getDouble(2)))
          .put("p99_ms", Math.round(r.getDouble(3))).put("lost", r.getLong(4)).put("non_final", r.getLong(5));
    }
  }

  static Connection connect(PgUrl url) throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }
}
