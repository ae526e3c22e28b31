package vn.lienlac.delivery.receipts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A provider's receipt for an attempt, passed on to the message recipient row the attempt delivers
 * (notices have none) and to the message's count shard ({@code guardian_id % 16}), on the caller's
 * transaction. The row is locked and changed only where the receipt moves it, and the count gets
 * exactly that change, so a replayed or late receipt counts nothing twice:
 * <ul>
 *   <li>delivered (and seen, which implies it): a recipient still waiting, or already given up as
 *       unreachable (an {@code unknown} SMS that did arrive), becomes delivered;</li>
 *   <li>seen (Zalo {@code user_seen_message}): the guardian read the message's text in Zalo, so the
 *       row is read, as when they open it in the app; acknowledgement stays the app's;</li>
 *   <li>failed (an SMS the operator could not deliver): a recipient delivered by that channel alone,
 *       and not read, goes back to {@code sending}, so the dispatcher's sweep takes the plan's next step
 *       (or gives the guardian up as unreachable), and a message already {@code done} is followed again.</li>
 * </ul>
 */
final class RecipientReceipts {

  /** The recipient row of the attempt, locked, with what the decision needs. */
  static final String TARGET = """
      SELECT r.message_id, r.guardian_id, r.delivery_state, r.delivery_channel, r.read_at IS NOT NULL,
             m.sender_subject, a.channel,
             EXISTS (SELECT 1 FROM delivery.attempt o
                     WHERE o.recipient_message_id = a.recipient_message_id AND o.recipient_guardian_id = a.recipient_guardian_id
                       AND o.id <> a.id AND o.state IN ('accepted', 'delivered')) AS reached_otherwise
      FROM delivery.attempt a
      JOIN messaging.recipient r ON r.message_id = a.recipient_message_id AND r.guardian_id = a.recipient_guardian_id
      JOIN messaging.message m ON m.id = r.message_id
      WHERE a.id = $1
      FOR UPDATE OF r""";

  static final String UPDATE = """
      UPDATE messaging.recipient
      SET delivery_state = $3, delivery_channel = $4,
          delivered_at = CASE WHEN $3 = 'delivered' THEN coalesce(delivered_at, $5) END,
          unreachable_reason = CASE WHEN $3 = 'unreachable' THEN unreachable_reason END,
          read_at = CASE WHEN $6 THEN coalesce(read_at, $5) ELSE read_at END
      WHERE message_id = $1 AND guardian_id = $2""";

  static final String COUNT = """
      INSERT INTO messaging.message_count AS c (message_id, shard, delivered, read, unreachable)
      VALUES ($1, ($2 % 16)::smallint, $3, $4, $5)
      ON CONFLICT (message_id, shard) DO UPDATE SET delivered = c.delivered + excluded.delivered,
        read = c.read + excluded.read, unreachable = c.unreachable + excluded.unreachable""";

  /** A message whose recipient waits again is followed by the dispatcher again. */
  static final String REOPEN = "UPDATE messaging.message SET status = 'sending' WHERE id = $1 AND status = 'done'";

  /** A recipient row a receipt changed; {@code state} is its delivery state, or {@code read}. */
  record Change(long messageId, long guardianId, String senderSubject, String state) {}

  /** @return the change, or null when the attempt has no recipient row or the receipt changes nothing */
  Future<Change> apply(SqlConnection tx, long attemptId, DeliveryReceipts.Receipt receipt, Instant at) {
    return tx.preparedQuery(TARGET).execute(Tuple.of(attemptId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row r = rows.iterator().next();
      long message = r.getLong(0);
      long guardian = r.getLong(1);
      String state = r.getString(2);
      String channel = r.getString(3);
      boolean read = r.getBoolean(4);
      String sender = r.getString(5);
      String attemptChannel = r.getString(6);
      boolean reachedOtherwise = r.getBoolean(7);
      boolean delivered = "delivered".equals(state);
      return switch (receipt) {
        case DELIVERED, READ -> {
          boolean newlyRead = receipt == DeliveryReceipts.Receipt.READ && !read;
          if (delivered && !newlyRead) {
            yield Future.succeededFuture(null);
          }
          int unreachable = "unreachable".equals(state) ? -1 : 0;
          yield write(tx, message, guardian, "delivered", delivered ? channel : attemptChannel, newlyRead, at,
              delivered ? 0 : 1, newlyRead ? 1 : 0, unreachable)
              .map(new Change(message, guardian, sender, newlyRead ? "read" : "delivered"));
        }
        case FAILED -> {
          if (!delivered || read || reachedOtherwise || !attemptChannel.equals(channel)) {
            yield Future.succeededFuture(null);
          }
          yield write(tx, message, guardian, "sending", null, false, at, -1, 0, 0)
              .compose(v -> tx.preparedQuery(REOPEN).execute(Tuple.of(message)))
              .map(new Change(message, guardian, sender, "sending"));
        }
      };
    });
  }

  private static Future<Void> write(SqlConnection tx, long message, long guardian, String state, String channel,
                                    boolean read, Instant at, int deliveredDelta, int readDelta, int unreachableDelta) {
    return tx.preparedQuery(UPDATE)
        .execute(Tuple.of(message, guardian, state, channel, at.atOffset(ZoneOffset.UTC), read))
        .compose(v -> tx.preparedQuery(COUNT)
            .execute(Tuple.of(message, guardian, deliveredDelta, readDelta, unreachableDelta)))
        .mapEmpty();
  }
}
