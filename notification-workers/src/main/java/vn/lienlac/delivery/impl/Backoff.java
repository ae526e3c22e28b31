package vn.lienlac.delivery.impl;

import java.time.Duration;

/**
 * When a transiently failed attempt is tried again: exponential from {@code first}, capped, with
 * up to 20% jitter so that attempts failed together by an outage do not return together; never
 * sooner than the provider asked ({@code Retry-After}).
 */
public record Backoff(Duration first, Duration max) {

  /**
   * @param attemptsMade provider calls made so far (≥ 1)
   * @param retryAfter the provider's {@code Retry-After}, or null
   * @param jitter a number in [0, 1)
   */
  public Duration delay(int attemptsMade, Duration retryAfter, double jitter) {
    long base = first.toMillis() << Math.min(20, Math.max(0, attemptsMade - 1));
    long capped = Math.min(max.toMillis(), base);
    long jittered = capped + (long) (capped * 0.2 * jitter);
    long floor = retryAfter == null ? 0 : retryAfter.toMillis();
    return Duration.ofMillis(Math.max(jittered, floor));
  }
}
