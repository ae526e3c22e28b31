package vn.lienlac.api.realtime;

import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;

/**
 * What an api process shares for realtime: its connections ({@link RealtimeHub}) and the publisher
 * ({@link RealtimeEvents}) features use to announce events. The launcher also deploys
 * {@link RealtimeFanOut} (Redis subscription, sweep, catch-up) and {@link RealtimePurge}.
 */
public record Realtime(RealtimeHub hub, RealtimeEvents events) {

  public static Realtime create(Pool pool, Redis redis, RealtimeOptions options) {
    RealtimeEvents events = RealtimeEvents.create(pool, redis, options.channel());
    return new Realtime(new RealtimeHub(options, pool, events), events);
  }

  public RealtimeOptions options() {
    return hub.options();
  }
}
