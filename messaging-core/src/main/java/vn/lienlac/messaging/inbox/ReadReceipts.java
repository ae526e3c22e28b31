package vn.lienlac.messaging.inbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A guardian marks messages read or acknowledged (acknowledging reads too). One statement locks the
 * guardian's own recipient rows in id order, changes only what is still unset, and adds exactly the
 * changes to the message's count shard ({@code guardian_id % 16}): a second read, or two reads racing,
 * count once. Rows of other guardians, and messages not yet sent, are simply not found.
 */
public final class ReadReceipts {

  /**
   * {@code target} locks with FOR UPDATE, which in READ COMMITTED returns the newest committed state of
   * a row a concurrent read just changed; {@code changed} therefore sees whether the state really moves.
   */
  static final String MARK = """
      WITH target AS (
        SELECT r.message_id, r.guardian_id, r.read_at, r.acked_at, m.sender_subject
          FROM messaging.recipient r
          JOIN messaging.message m ON m.id = r.message_id
         WHERE r.guardian_id = $1 AND r.message_id = ANY ($2::bigint[])
           AND m.send_at <= $3 AND m.status <> 'scheduled'
         ORDER BY r.message_id
           FOR UPDATE OF r),
      changed AS (
        UPDATE messaging.recipient r
           SET read_at = coalesce(t.read_at, $3),
               acked_at = CASE WHEN $4 THEN coalesce(t.acked_at, $3) ELSE t.acked_at END
          FROM target t
         WHERE r.message_id = t.message_id AND r.guardian_id = t.guardian_id
           AND (t.read_at IS NULL OR ($4 AND t.acked_at IS NULL))
        RETURNING r.message_id, t.read_at IS NULL AS newly_read, ($4 AND t.acked_at IS NULL) AS newly_acked),
      counted AS (
        INSERT INTO messaging.message_count AS c (message_id, shard, read, acked)
        SELECT message_id, ($1 % 16)::smallint, count(*) FILTER (WHERE newly_read), count(*) FILTER (WHERE newly_acked)
          FROM changed GROUP BY message_id ORDER BY message_id
        ON CONFLICT (message_id, shard) DO UPDATE SET read = c.read + excluded.read, acked = c.acked + excluded.acked)
      SELECT t.message_id, t.sender_subject,
             coalesce(ch.newly_read, false) AS newly_read, coalesce(ch.newly_acked, false) AS newly_acked,
             coalesce(t.read_at, $3) AS read_at,
             CASE WHEN $4 THEN coalesce(t.acked_at, $3) ELSE t.acked_at END AS acked_at
        FROM target t LEFT JOIN changed ch ON ch.message_id = t.message_id
       ORDER BY t.message_id""";

  /** Most messages marked in one call (the batch endpoint's limit). */
  public static final int MAX_BATCH = 200;

  /**
   * One message's state for the guardian after the call.
   *
   * @param changed whether this call changed it (false for a repeat)
   */
  public record Receipt(long messageId, String senderSubject, boolean changed, boolean newlyRead,
                        boolean newlyAcked, Instant readAt, Instant ackedAt) {}

  private ReadReceipts() {}

  /**
   * Marks the guardian's rows of these messages read (and acknowledged when {@code ack}), on the
   * connection of the caller's transaction. Messages not addressed to the guardian are absent from the answer.
   */
  public static Future<List<Receipt>> mark(SqlConnection tx, long guardianId, List<Long> messageIds, boolean ack,
                                           Instant now) {
    if (messageIds.size() > MAX_BATCH) {
      return Future.failedFuture(new IllegalArgumentException("at most " + MAX_BATCH + " messages at once"));
    }
    return tx.preparedQuery(MARK)
        .execute(Tuple.of(guardianId, messageIds.toArray(Long[]::new), OffsetDateTime.ofInstant(now, ZoneOffset.UTC), ack))
        .map(rows -> {
          List<Receipt> receipts = new ArrayList<>(rows.size());
          for (Row r : rows) {
            boolean read = r.getBoolean("newly_read");
            boolean acked = r.getBoolean("newly_acked");
            receipts.add(new Receipt(r.getLong("message_id"), r.getString("sender_subject"), read || acked, read, acked,
                instant(r.getOffsetDateTime("read_at")), instant(r.getOffsetDateTime("acked_at"))));
          }
          return receipts;
        });
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
