package vn.lienlac.api.realtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.Set;
import vn.lienlac.messaging.events.UserEvents;

/**
 * Publishes realtime events to a user's connected apps. The event is stored in PostgreSQL (the truth:
 * a reconnecting app replays from there) with the user's next event id, then announced on Redis so
 * that the api process holding the user's WebSocket delivers it at once. If the announcement is lost,
 * that process's periodic catch-up finds the event in the database within a few seconds.
 *
 * <p>Usable from any process that has our database and Redis (api or workers).
 */
public interface RealtimeEvents extends UserEvents {

  Set<String> TYPES = Set.of(MESSAGE_CREATED, MESSAGE_READ, DELIVERY_UPDATED, INVOICE_UPDATED);

  /** @param channel the Redis channel of the deployment ({@link RealtimeOptions#channel()}) */
  static RealtimeEvents create(Pool pool, Redis redis, String channel) {
    return new StoredEvents(pool, redis, channel);
  }

  /**
   * Stores and announces one event in its own transaction.
   *
   * @param subject the user: {@code g:<guardian id>} or {@code s:<staff account id>} ({@code Caller.subject()})
   * @param type one of {@link #TYPES}
   * @return the event's id, once it is committed
   */
  @Override
  Future<Long> publish(String subject, String type, JsonObject data);

  /**
   * Stores the event on the caller's connection, so it commits (or rolls back) with the change that
   * caused it; it is announced on Redis only after that transaction commits. The user's event counter
   * stays locked until then: publish late in the transaction, and publish for several users of one
   * transaction in a stable order (e.g. sorted subjects) so that transactions cannot deadlock.
   */
  @Override
  Future<Long> publish(SqlConnection connection, String subject, String type, JsonObject data);
}
