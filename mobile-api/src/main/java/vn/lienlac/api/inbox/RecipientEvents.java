package vn.lienlac.api.inbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.realtime.RealtimeEvents;

/**
 * Tells every recipient of a message that it is new or changed ({@code message.created}, with
 * {@code edited}/{@code recalled}/{@code reminderOf} in the data), after the change has committed and
 * without holding the request: the recipients are walked in guardian-id order, {@value #BATCH} per
 * transaction, each batch's events committed together. A million recipients are two thousand short
 * transactions instead of one holding a million counter-row locks. If the process stops midway, the
 * rest miss the live event and see the change when their app next loads the inbox.
 */
final class RecipientEvents {

  private static final Logger LOG = LoggerFactory.getLogger(RecipientEvents.class);
  static final int BATCH = 500;

  static final String PAGE = """
      SELECT guardian_id FROM messaging.recipient
       WHERE message_id = $1 AND guardian_id > $2
       ORDER BY guardian_id
       LIMIT $3""";

  private final Pool pool;
  private final RealtimeEvents events;

  RecipientEvents(Pool pool, RealtimeEvents events) {
    this.pool = pool;
    this.events = events;
  }

  /** Starts publishing and returns at once; the future completes with the number of events published. */
  Future<Long> publishToAll(long messageId, JsonObject data) {
    return from(messageId, -1, data, 0)
        .onFailure(e -> LOG.warn("message.created for message {} stopped before every recipient: {}",
            messageId, e.getMessage()));
  }

  private Future<Long> from(long messageId, long after, JsonObject data, long published) {
    return pool.withTransaction(tx -> tx.preparedQuery(PAGE).execute(Tuple.of(messageId, after, BATCH))
        .compose(rows -> {
          long[] guardians = new long[rows.size()];
          int i = 0;
          for (Row r : rows) {
            guardians[i++] = r.getLong("guardian_id");
          }
          return publish(tx, guardians, 0, data).map(v -> guardians);
        }))
        .compose(guardians -> guardians.length < BATCH ? Future.succeededFuture(published + guardians.length)
            : from(messageId, guardians[guardians.length - 1], data, published + guardians.length));
  }

  private Future<Void> publish(SqlConnection tx, long[] guardians, int i, JsonObject data) {
    if (i == guardians.length) {
      return Future.succeededFuture();
    }
    return events.publish(tx, "g:" + guardians[i], RealtimeEvents.MESSAGE_CREATED, data)
        .compose(id -> publish(tx, guardians, i + 1, data));
  }
}
