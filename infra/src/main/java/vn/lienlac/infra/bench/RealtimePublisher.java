package vn.lienlac.infra.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Publishes benchmark events the way every producer does: through the realtime module's
 * {@code RealtimeEvents} (stored in PostgreSQL, then announced on Redis), as {@code message.created}.
 * The module is found by name at run time because the benchmark was written alongside it: a build
 * without it still benchmarks {@code /me} and says why the WebSocket half is missing.
 */
final class RealtimePublisher implements SocketLoad.EventPublisher {

  static final String EVENTS_CLASS = "vn.lienlac.api.realtime.RealtimeEvents";
  static final String EVENT_TYPE = "message.created";

  private final Object events;
  private final Method publish;

  private RealtimePublisher(Object events, Method publish) {
    this.events = events;
    this.publish = publish;
  }

  /** @throws SocketLoad.Unavailable when this build has no realtime module */
  static RealtimePublisher create(Pool pool, Redis redis, String channel) {
    try {
      Class<?> type = Class.forName(EVENTS_CLASS);
      Object events = type.getMethod("create", Pool.class, Redis.class, String.class).invoke(null, pool, redis, channel);
      return new RealtimePublisher(events, type.getMethod("publish", String.class, String.class, JsonObject.class));
    } catch (ClassNotFoundException e) {
      throw new SocketLoad.Unavailable("this build has no realtime module (" + EVENTS_CLASS + ")");
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new SocketLoad.Unavailable(EVENTS_CLASS + " has no create(Pool, Redis, String)/publish(String, String, JsonObject): " + e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot create the realtime publisher: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public Future<?> publish(String subject, JsonObject data) {
    try {
      return (Future<?>) publish.invoke(events, subject, EVENT_TYPE, data);
    } catch (IllegalAccessException e) {
      return Future.failedFuture(e);
    } catch (InvocationTargetException e) {
      return Future.failedFuture(e.getCause());
    }
  }
}
