package vn.lienlac.api.platform.limits;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Redis;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.messaging.ratelimit.TokenBuckets;

/**
 * Rate limits of {@code /api/v1}: {@link #perIp()} runs before authentication (so that a flood of bad
 * tokens is throttled too), {@link #perUser()} after it. A refusal is 429 {@code too-many-requests}
 * with {@code Retry-After} and {@code retryAfterSeconds}.
 *
 * <p>If Redis does not answer (down, or slower than {@link #REDIS_PATIENCE_MS}), the request goes
 * through: limits are protection, not data, and Redis must never take the API down (DESIGN.md). For
 * the next few seconds requests then pass without asking, so that a hanging Redis does not add its
 * timeout to every request. That is logged at most once a minute, so an outage does not flood the log.
 */
public final class RateLimiting {

  static final long REDIS_PATIENCE_MS = 500;
  /** After Redis failed to answer, how long to let requests through without asking it again. */
  static final long PAUSE_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiting.class);

  private final TokenBuckets buckets;
  private final RateLimits limits;
  private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private volatile long askRedisAgainAt = System.nanoTime();

  public RateLimiting(Redis redis, RateLimits limits) {
    this.buckets = new TokenBuckets(redis, limits.keyPrefix());
    this.limits = limits;
  }

  public Handler<RoutingContext> perIp() {
    return ctx -> take(ctx, "ip:" + ctx.request().remoteAddress().hostAddress(), limits.ipBurst(), limits.ipPerSecond());
  }

  /** Passes requests without a caller (public operations): {@link #perIp()} covers them. */
  public Handler<RoutingContext> perUser() {
    return ctx -> {
      Caller caller = Caller.find(ctx);
      if (caller == null) {
        ctx.next();
      } else {
        take(ctx, "u:" + caller.subject(), limits.userBurst(), limits.userPerSecond());
      }
    };
  }

  private void take(RoutingContext ctx, String key, long burst, double perSecond) {
    if (System.nanoTime() - askRedisAgainAt < 0) {
      ctx.next(); // Redis failed moments ago: don't make every request wait for its timeout
      return;
    }
    buckets.take(key, burst, perSecond, 1).timeout(REDIS_PATIENCE_MS, TimeUnit.MILLISECONDS).onComplete(decided -> {
      if (decided.failed()) {
        warnThrottled(decided.cause());
        ctx.next();
      } else if (decided.result().allowed()) {
        ctx.next();
      } else {
        long seconds = decided.result().retryAfterSeconds();
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        Problems.send(ctx, 429, "too-many-requests", new JsonObject().put("retryAfterSeconds", seconds));
      }
    });
  }

  private void warnThrottled(Throwable cause) {
    long now = System.nanoTime();
    askRedisAgainAt = now + PAUSE_AFTER_FAILURE_NANOS;
    long last = lastWarned.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
      LOG.warn("rate limits are not enforced: Redis did not answer ({}); letting requests through", cause.toString());
    }
  }
}
