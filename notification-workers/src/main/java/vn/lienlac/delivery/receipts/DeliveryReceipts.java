package vn.lienlac.delivery.receipts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.messaging.events.UserEvents;

/**
 * What providers report after accepting a message (delivered, seen, failed), applied to the attempt
 * in the caller's transaction (the webhook's, so the event's replay key commits with its effect).
 * Each change is passed on to the message recipient row, if the attempt belongs to one
 * ({@link RecipientReceipts}), and a change of that row is raised as {@code delivery.updated} for the
 * message's sender, in the same transaction. Receipts only move forward: a late "delivered" never undoes "failed"
 * reported later by the same provider, and nothing changes a row twice.
 */
public final class DeliveryReceipts {

  static final String DELIVERED_BY_ID = """
      UPDATE delivery.attempt
      SET state = 'delivered', delivered_at = coalesce(delivered_at, $3),
          provider_message_id = coalesce(provider_message_id, $4), lease_until = NULL, updated_at = now()
      WHERE id = $1 AND provider = $2 AND state IN ('sending', 'accepted', 'unknown')
      RETURNING id, channel, state""";

  static final String DELIVERED_BY_MESSAGE = """
      UPDATE delivery.attempt
      SET state = 'delivered', delivered_at = coalesce(delivered_at, $3), lease_until = NULL, updated_at = now()
      WHERE provider = $1 AND provider_message_id = $2 AND state IN ('sending', 'accepted', 'unknown')
      RETURNING id, channel, state""";

  /** Seen implies delivered. */
  static final String READ_BY_MESSAGES = """
      UPDATE delivery.attempt
      SET read_at = coalesce(read_at, $3), delivered_at = coalesce(delivered_at, $3),
          state = CASE WHEN state = 'failed' THEN state ELSE 'delivered' END, lease_until = NULL, updated_at = now()
      WHERE provider = $1 AND provider_message_id = ANY($2::text[]) AND read_at IS NULL
        AND state IN ('sending', 'accepted', 'unknown', 'delivered')
      RETURNING id, channel, state""";

  static final String FAILED_BY_MESSAGE = """
      UPDATE delivery.attempt
      SET state = 'failed', last_error = $3, lease_until = NULL, updated_at = now()
      WHERE provider = $1 AND provider_message_id = $2 AND state IN ('sending', 'accepted', 'unknown')
      RETURNING id, channel, state""";

  /** One attempt a receipt changed. */
  public record Changed(long attemptId, String channel, String state) {}

  /** What a provider reported. */
  enum Receipt { DELIVERED, READ, FAILED }

  private final UserEvents events;

  private final RecipientReceipts recipients = new RecipientReceipts();

  public DeliveryReceipts(UserEvents events) {
    this.events = events;
  }

  public Future<List<Changed>> deliveredById(SqlConnection tx, long attemptId, String provider, String providerMessageId,
                                             Instant at) {
    return apply(tx, DELIVERED_BY_ID, Tuple.of(attemptId, provider, utc(at), providerMessageId), Receipt.DELIVERED, at);
  }

  public Future<List<Changed>> delivered(SqlConnection tx, String provider, String providerMessageId, Instant at) {
    return apply(tx, DELIVERED_BY_MESSAGE, Tuple.of(provider, providerMessageId, utc(at)), Receipt.DELIVERED, at);
  }

  public Future<List<Changed>> read(SqlConnection tx, String provider, List<String> providerMessageIds, Instant at) {
    return apply(tx, READ_BY_MESSAGES, Tuple.of(provider, providerMessageIds.toArray(String[]::new), utc(at)), Receipt.READ, at);
  }

  public Future<List<Changed>> failed(SqlConnection tx, String provider, String providerMessageId, String reason,
                                      Instant at) {
    return apply(tx, FAILED_BY_MESSAGE, Tuple.of(provider, providerMessageId, reason), Receipt.FAILED, at);
  }

  private Future<List<Changed>> apply(SqlConnection tx, String sql, Tuple args, Receipt receipt, Instant at) {
    return tx.preparedQuery(sql).execute(args).compose(rows -> {
      List<Changed> changed = new ArrayList<>();
      for (Row r : rows) {
        changed.add(new Changed(r.getLong(0), r.getString(1), r.getString(2)));
      }
      changed.sort((a, b) -> Long.compare(a.attemptId(), b.attemptId()));
      Future<Void> chain = Future.succeededFuture();
      for (Changed c : changed) {
        chain = chain.compose(v -> recipients.apply(tx, c.attemptId(), receipt, at).compose(change -> change == null
            ? Future.succeededFuture()
            : announce(tx, change.senderSubject(), change.messageId(), change.guardianId(), change.state()).mapEmpty()));
      }
      return chain.map(changed);
    });
  }

  /** The event raised for a recipient row's change. */
  Future<Long> announce(SqlConnection tx, String senderSubject, long messageId, long guardianId, String state) {
    return events.publish(tx, senderSubject, UserEvents.DELIVERY_UPDATED, new JsonObject().put("messageId", messageId)
        .put("guardianId", guardianId).put("deliveryState", state));
  }

  private static Object utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
