package vn.lienlac.messaging.ratelimit;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Token buckets kept in Redis, shared by every process: each key holds up to {@code capacity} tokens
 * and gains {@code refillPerSecond}; a request takes {@code cost} tokens or is refused with the time
 * until enough have come back. One Lua script does read-refill-take atomically, using Redis's own
 * clock so that processes with skewed clocks agree. Keys expire once full again, so idle callers cost
 * nothing. Losing Redis loses only the counts (DESIGN.md: Redis holds nothing precious).
 */
public final class TokenBuckets {

  /** @param retryAfterMillis 0 when allowed; otherwise how long until the request would be allowed */
  public record Decision(boolean allowed, long remaining, long retryAfterMillis) {
    /** Whole seconds for a {@code Retry-After} header, never 0 for a refusal. */
    public long retryAfterSeconds() {
      return allowed ? 0 : Math.max(1, (retryAfterMillis + 999) / 1000);
    }
  }

  /**
   * The bucket of {@code KEYS[1]} refilled up to now at {@code rate} per second, as locals {@code tokens}
   * and {@code now}; {@link #STORE} writes it back and lets an idle full bucket expire.
   */
  private static final String REFILL = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
      local tokens = tonumber(state[1])
      local at = tonumber(state[2])
      if tokens == nil then
        tokens = capacity
        at = now
      end
      tokens = math.min(capacity, tokens + (now - at) * rate / 1000)
      """;
  private static final String STORE = """
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
      redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * 1000 / rate) + 1000)
      """;

  static final String SCRIPT = """
      local capacity = tonumber(ARGV[1])
      local rate = tonumber(ARGV[2])
      local cost = tonumber(ARGV[3])
      """ + REFILL + """
      local allowed = 0
      local retry = 0
      if tokens >= cost then
        tokens = tokens - cost
        allowed = 1
      else
        retry = math.ceil((cost - tokens) * 1000 / rate)
      end
      """ + STORE + """
      return {allowed, math.floor(tokens), retry}
      """;

  /**
   * As {@link #SCRIPT}, but takes as many tokens as are there, up to {@code ARGV[3]} and at least
   * {@code ARGV[4]} (fewer are not worth a round trip), so that one call serves a whole batch: returns
   * {granted, remaining, millis until the least is there when nothing was granted}.
   */
  static final String UP_TO_SCRIPT = """
      local capacity = tonumber(ARGV[1])
      local rate = tonumber(ARGV[2])
      local wanted = tonumber(ARGV[3])
      local least = tonumber(ARGV[4])
      """ + REFILL + """
      local granted = 0
      local retry = 0
      if tokens >= least then
        granted = math.min(wanted, math.floor(tokens))
        tokens = tokens - granted
      else
        retry = math.ceil((least - tokens) * 1000 / rate)
      end
      """ + STORE + """
      return {granted, math.floor(tokens), retry}
      """;

  /**
   * Tokens taken at once for a batch.
   *
   * @param retryAfterMillis 0 when some were granted; otherwise how long until the least asked for is back
   */
  public record Grant(long granted, long remaining, long retryAfterMillis) {}

  private final Redis redis;
  private final String prefix;

  /** @param prefix namespace of the keys, e.g. "rl:" */
  public TokenBuckets(Redis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  public Future<Decision> take(String key, long capacity, double refillPerSecond, long cost) {
    if (capacity < 1 || refillPerSecond <= 0 || cost < 1 || cost > capacity) {
      return Future.failedFuture(new IllegalArgumentException(
          "token bucket needs capacity ≥ 1, refill > 0 and 1 ≤ cost ≤ capacity"));
    }
    Request eval = Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(prefix + key)
        .arg(capacity).arg(Double.toString(refillPerSecond)).arg(cost);
    return redis.send(eval).map(TokenBuckets::decision);
  }

  /**
   * Takes up to {@code wanted} tokens, as many as the bucket holds if that is at least {@code least}:
   * one Redis call for a whole batch.
   */
  public Future<Grant> takeUpTo(String key, long capacity, double refillPerSecond, long least, long wanted) {
    if (capacity < 1 || refillPerSecond <= 0 || least < 1 || least > Math.min(wanted, capacity)) {
      return Future.failedFuture(new IllegalArgumentException(
          "token bucket needs capacity ≥ 1, refill > 0 and 1 ≤ least ≤ wanted, capacity"));
    }
    Request eval = Request.cmd(Command.EVAL).arg(UP_TO_SCRIPT).arg(1).arg(prefix + key)
        .arg(capacity).arg(Double.toString(refillPerSecond)).arg(wanted).arg(least);
    return redis.send(eval).map(r -> new Grant(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong()));
  }

  private static Decision decision(Response r) {
    return new Decision(r.get(0).toInteger() == 1, r.get(1).toLong(), r.get(2).toLong());
  }
}
