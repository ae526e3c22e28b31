package vn.lienlac.api.realtime;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated Redis connection subscribed to the realtime channel. When it drops, it reconnects
 * with a growing pause (up to 10 s) and subscribes again; {@code onSubscribed} then runs, because
 * whatever was published meanwhile was lost for this process and must be fetched from the database.
 */
final class RedisSubscription {

  private static final Logger LOG = LoggerFactory.getLogger(RedisSubscription.class);
  private static final long FIRST_PAUSE_MS = 250;
  private static final long LONGEST_PAUSE_MS = 10_000;

  private final Vertx vertx;
  private final Redis client;
  private final String channel;
  private final Handler<String> onMessage;
  private final Runnable onSubscribed;
  private RedisConnection connection;
  private long pause = FIRST_PAUSE_MS;
  private boolean stopped;

  RedisSubscription(Vertx vertx, Redis client, String channel, Handler<String> onMessage, Runnable onSubscribed) {
    this.vertx = vertx;
    this.client = client;
    this.channel = channel;
    this.onMessage = onMessage;
    this.onSubscribed = onSubscribed;
  }

  /** Subscribes once; when that fails it keeps trying in the background and the future still succeeds. */
  Future<Void> start() {
    return subscribe().otherwise(e -> {
      LOG.warn("realtime: cannot subscribe to Redis ({}); retrying, connected apps meanwhile get events by catch-up",
          e.getMessage());
      retryLater();
      return null;
    });
  }

  Future<Void> stop() {
    stopped = true;
    RedisConnection c = connection;
    connection = null;
    return c == null ? Future.succeededFuture() : c.close().otherwiseEmpty();
  }

  boolean subscribed() {
    return connection != null;
  }

  private Future<Void> subscribe() {
    return client.connect().compose(c -> {
      c.handler(this::received);
      c.exceptionHandler(e -> lost(c, e.getMessage()));
      c.endHandler(v -> lost(c, "connection closed"));
      return c.send(Request.cmd(Command.CLIENT).arg("SETNAME").arg(connectionName(channel)))
          .compose(named -> c.send(Request.cmd(Command.SUBSCRIBE).arg(channel))).map(ok -> {
        if (stopped) {
          c.close();
          return null;
        }
        connection = c;
        pause = FIRST_PAUSE_MS;
        LOG.info("realtime: subscribed to Redis channel {}", channel);
        onSubscribed.run();
        return null;
      }).onFailure(e -> c.close());
    }).mapEmpty();
  }

  /** How the subscriber shows in Redis's CLIENT LIST (names may not contain spaces). */
  static String connectionName(String channel) {
    return "lienlac-rt-" + channel.replaceAll("[^A-Za-z0-9:_.-]", "_");
  }

  private void received(Response push) {
    // RESP3 push or RESP2 array: ["message", channel, payload]; subscribe confirmations are skipped.
    if (push.size() == 3 && "message".equals(push.get(0).toString())) {
      onMessage.handle(push.get(2).toString());
    }
  }

  private void lost(RedisConnection c, String why) {
    if (connection != c || stopped) {
      return;
    }
    connection = null;
    LOG.warn("realtime: Redis subscription lost ({}); resubscribing", why);
    c.close();
    retryLater();
  }

  private void retryLater() {
    if (stopped) {
      return;
    }
    long wait = pause;
    pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
    vertx.setTimer(wait, t -> {
      if (!stopped) {
        subscribe().onFailure(e -> {
          LOG.debug("realtime: resubscribe failed: {}", e.getMessage());
          retryLater();
        });
      }
    });
  }
}
