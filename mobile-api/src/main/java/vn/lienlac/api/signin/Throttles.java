package vn.lienlac.api.signin;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import vn.lienlac.messaging.ratelimit.TokenBuckets;

/**
 * The sign-in throttles, as Redis token buckets shared by every api process. A request passes only if
 * every bucket it touches has a token. Phone numbers and usernames appear in keys only hashed, so a
 * look at Redis shows no one's number. If Redis cannot answer, the future fails and the request is
 * refused (503): sending codes costs money and guessing passwords must stay slow, so we fail closed.
 */
final class Throttles {

  /** One bucket to take from. */
  record Bucket(String key, SignInSettings.Limit limit) {}

  private final TokenBuckets buckets;

  Throttles(Redis redis, String prefix) {
    this.buckets = new TokenBuckets(redis, prefix + "signin:");
  }

  /** @return 0 when allowed, otherwise the seconds to wait (for {@code Retry-After}) */
  Future<Long> take(List<Bucket> wanted) {
    Future<Long> wait = Future.succeededFuture(0L);
    for (Bucket b : wanted) {
      wait = wait.compose(before -> buckets.take(b.key(), b.limit().count(), b.limit().refillPerSecond(), 1)
          .map(d -> Math.max(before, d.retryAfterSeconds())));
    }
    return wait;
  }

  static String hashed(String kind, String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
      return kind + ":" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
