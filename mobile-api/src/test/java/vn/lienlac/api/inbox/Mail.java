package vn.lienlac.api.inbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.testing.ApiTestServer;

/**
 * Messages and recipient rows written straight into the messaging tables, as the sending side (another
 * feature) would leave them: these tests exercise only the reading side.
 */
final class Mail {

  /** A message as stored; change what a test needs with the withers. */
  record Spec(String kind, String senderSubject, String senderRole, String senderName, String school, String title,
              String body, String titleEn, String bodyEn, String templateKey, String templateVariables, boolean requireAck,
              Instant sendAt, Instant expiresAt, String status) {

    static Spec announcement(String senderSubject, String title, String body) {
      return new Spec("announcement", senderSubject, "teacher", "Nguyễn Thị Hoa", "S1", title, body, null, null, null,
          null, false, Instant.now().minusSeconds(60), null, "queued");
    }

    Spec requiringAck() {
      return new Spec(kind, senderSubject, senderRole, senderName, school, title, body, titleEn, bodyEn, templateKey,
          templateVariables, true, sendAt, expiresAt, status);
    }

    Spec sentAt(Instant at) {
      return new Spec(kind, senderSubject, senderRole, senderName, school, title, body, titleEn, bodyEn, templateKey,
          templateVariables, requireAck, at, expiresAt, at.isAfter(Instant.now()) ? "scheduled" : status);
    }

    Spec expiringAt(Instant at) {
      return new Spec(kind, senderSubject, senderRole, senderName, school, title, body, titleEn, bodyEn, templateKey,
          templateVariables, requireAck, sendAt, at, status);
    }

    Spec english(String title, String body) {
      return new Spec(kind, senderSubject, senderRole, senderName, school, this.title, this.body, title, body,
          templateKey, templateVariables, requireAck, sendAt, expiresAt, status);
    }

    Spec fromTemplate(String key, String variablesJson) {
      return new Spec(kind, senderSubject, senderRole, senderName, school, title, body, titleEn, bodyEn, key,
          variablesJson, requireAck, sendAt, expiresAt, status);
    }
  }

  private final ApiTestServer api;

  Mail(ApiTestServer api) {
    this.api = api;
  }

  long send(Spec s) {
    return queryLong("""
        INSERT INTO messaging.message (kind, sender_subject, sender_role, sender_name, district_code, school_code, title,
               body, title_en, body_en, template_key, template_variables, require_ack, send_at, expires_at, school_year, status)
        VALUES (?, ?, ?, ?, 'PGD01', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, '2026-2027', ?) RETURNING id""",
        s.kind(), s.senderSubject(), s.senderRole(), s.senderName(), s.school(), s.title(), s.body(), s.titleEn(),
        s.bodyEn(), s.templateKey(), s.templateVariables(), s.requireAck(), Timestamp.from(s.sendAt()),
        s.expiresAt() == null ? null : Timestamp.from(s.expiresAt()), s.status());
  }

  /** One recipient row (as expansion makes it) and its count. */
  void address(long messageId, long guardianId, String... students) {
    api.sql("INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code) VALUES ("
        + messageId + ", " + guardianId + ", ARRAY[" + quoted(students) + "]::text[], 'S1')",
        "INSERT INTO messaging.message_count AS c (message_id, shard, recipients) VALUES (" + messageId + ", "
            + (guardianId % 16) + ", 1) ON CONFLICT (message_id, shard) DO UPDATE SET recipients = c.recipients + 1");
  }

  /** A message sent a while ago to these guardians (the same children for each). */
  long announce(Spec spec, List<Long> guardians, String... students) {
    long id = send(spec);
    guardians.forEach(g -> address(id, g, students));
    return id;
  }

  /** Counts of a message summed over its shards: recipients, read, acked. */
  long[] counts(long messageId) {
    return queryLongs("SELECT coalesce(sum(recipients),0), coalesce(sum(read),0), coalesce(sum(acked),0)"
        + " FROM messaging.message_count WHERE message_id = ?", messageId);
  }

  long queryLong(String sql, Object... params) {
    return queryLongs(sql, params)[0];
  }

  long[] queryLongs(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(api.url.jdbcUrl(), api.url.user(), api.url.password());
         PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        int n = rs.getMetaData().getColumnCount();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
          out[i] = rs.getLong(i + 1);
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> strings(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(api.url.jdbcUrl(), api.url.user(), api.url.password());
         PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves a message's send time into the past (the 15-minute window), as if sent that long ago. */
  void sentAgo(long messageId, Duration ago) {
    api.sql("UPDATE messaging.message SET send_at = now() - interval '" + ago.toSeconds() + " seconds',"
        + " created_at = now() - interval '" + ago.toSeconds() + " seconds' WHERE id = " + messageId);
  }

  private static String quoted(String... values) {
    StringBuilder b = new StringBuilder();
    for (String v : values) {
      b.append(b.isEmpty() ? "" : ", ").append('\'').append(v).append('\'');
    }
    return b.toString();
  }
}
