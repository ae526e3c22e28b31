package vn.lienlac.messaging.inbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A reminder of an announcement: a new announcement ({@code reminder_of} the original, same texts,
 * priority, acknowledgement request and expiry) whose recipients are exactly the original's recipients
 * who have not yet read it (or acknowledged it), copied with one set-based {@code INSERT … SELECT} in
 * the caller's transaction together with the count shards. It is {@code queued} at once: delivery picks
 * its rows up like any other.
 */
public final class Reminders {

  /** Who is reminded. */
  public enum Audience {
    UNREAD, UNACKED;

    public static Audience of(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
  }

  static final String CREATE = """
      INSERT INTO messaging.message (kind, sender_subject, sender_role, sender_name, district_code, school_code, title,
                                     body, title_en, body_en, attachments, priority, require_ack, template_key,
                                     template_variables, send_at, expires_at, school_year, status, idempotency_key,
                                     reminder_of)
      SELECT 'announcement', m.sender_subject, m.sender_role, m.sender_name, m.district_code, m.school_code, m.title,
             m.body, m.title_en, m.body_en, m.attachments, m.priority, m.require_ack, m.template_key,
             m.template_variables, $2, m.expires_at, m.school_year, 'queued', $3, m.id
        FROM messaging.message m
       WHERE m.id = $1
      RETURNING id""";

  static final String COPY_RECIPIENTS = """
      WITH copied AS (
        INSERT INTO messaging.recipient (message_id, guardian_id, student_ids, school_code)
        SELECT $2, r.guardian_id, r.student_ids, r.school_code
          FROM messaging.recipient r
         WHERE r.message_id = $1
           AND CASE WHEN $3 THEN r.acked_at IS NULL ELSE r.read_at IS NULL END
        RETURNING guardian_id),
      counted AS (
        INSERT INTO messaging.message_count (message_id, shard, recipients)
        SELECT $2, (guardian_id % 16)::smallint, count(*) FROM copied GROUP BY 2
        RETURNING recipients)
      SELECT coalesce(sum(recipients), 0)::bigint AS recipients FROM counted""";

  /** The reminder made, and how many guardians it goes to. */
  public record Reminder(long id, long recipients) {}

  private Reminders() {}

  /**
   * Creates the reminder and its recipients; {@code recipients} is 0 when everyone has already read
   * (acknowledged), and the caller should then roll back.
   *
   * @param idempotencyKey stored with the reminder (unique per sender), or null
   */
  public static Future<Reminder> create(SqlConnection tx, long originalId, Audience audience, Instant now,
                                        String idempotencyKey) {
    return tx.preparedQuery(CREATE)
        .execute(Tuple.of(originalId, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), idempotencyKey))
        .compose(created -> {
          long id = created.iterator().next().getLong("id");
          return tx.preparedQuery(COPY_RECIPIENTS).execute(Tuple.of(originalId, id, audience == Audience.UNACKED))
              .map(rows -> {
                Row row = rows.iterator().next();
                return new Reminder(id, row.getLong("recipients"));
              });
        });
  }
}
