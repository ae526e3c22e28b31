package vn.lienlac.infra.bench;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import vn.lienlac.infra.support.db.PgUrl;

/**
 * The benchmark's work, written straight into the database so that only delivery is measured: one
 * announcement to N guardians (one app installation each), held until released, in a school whose
 * plan is push only (so every delivery ends in FCM: accepted, or failed for a dead token).
 */
final class DeliveryBenchData {

  static final String SCHOOL = "BENCH01";

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
          + "priority, school_year, status, send_at) VALUES (1, 'announcement', 's:1', 'principal', '" + SCHOOL + "', "
          + "'Thông báo', 'Học sinh nghỉ học ngày mai do bão.', 'normal', '2026-2027', 'scheduled', now() + interval '1 day')");
      s.execute("INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code) "
          + "SELECT 1, g, ARRAY['HS' || g], '" + SCHOOL + "' FROM generate_series(1, " + guardians + ") g");
      s.execute("INSERT INTO messaging.message_count (message_id, shard, recipients) "
          + "SELECT 1, guardian_id % 16, count(*) FROM messaging.recipient WHERE message_id = 1 GROUP BY 1, 2");
      s.execute("ANALYZE");
    }
  }

  /** The message becomes queued: from here on the clock of every delivery runs. */
  static void release(PgUrl db) throws SQLException {
    try (Connection c = connect(db); Statement s = c.createStatement()) {
      s.execute("UPDATE messaging.message SET status = 'queued', send_at = now() WHERE id = 1");
    }
  }

  static Progress progress(PgUrl db) throws SQLException {
    try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
        SELECT count(*) FILTER (WHERE state = 'accepted'), count(*) FILTER (WHERE state IN ('failed', 'unknown')),
               count(*) FILTER (WHERE state NOT IN ('accepted', 'failed', 'unknown')),
               (SELECT count(*) FROM messaging.recipient WHERE message_id = 1 AND delivery_state IN ('pending', 'sending'))
        FROM delivery.attempt""")) {
      r.next();
      return new Progress(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
    }
  }

  static JsonObject measure(PgUrl db, int deliveries) throws SQLException {
    try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
        SELECT count(*) FILTER (WHERE state = 'accepted')
                 / greatest(0.001, extract(epoch FROM max(accepted_at) - min(queued_at))),
               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - queued_at) * 1000)
                 FILTER (WHERE state = 'accepted'),
               (SELECT count(*) FROM messaging.recipient rc WHERE rc.message_id = 1
                  AND NOT EXISTS (SELECT 1 FROM delivery.attempt a WHERE a.recipient_message_id = 1
                                    AND a.recipient_guardian_id = rc.guardian_id)),
               count(*) FILTER (WHERE state NOT IN ('accepted', 'failed', 'unknown'))
        FROM delivery.attempt""")) {
      r.next();
      return new JsonObject().put("rate_per_s", Math.round(r.getDouble(1))).put("p99_ms", Math.round(r.getDouble(2)))
          .put("lost", r.getLong(3)).put("non_final", r.getLong(4));
    }
  }

  private static Connection connect(PgUrl url) throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }
}
