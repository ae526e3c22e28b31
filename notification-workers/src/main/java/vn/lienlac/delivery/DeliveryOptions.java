package vn.lienlac.delivery;

import java.time.Duration;

/**
 * How a delivery worker paces itself.
 *
 * @param batchSize attempts claimed at once
 * @param lease how long a claim is ours; a worker that dies holds its claims no longer than this
 * @param pollInterval the fallback timer when no {@code NOTIFY} arrives (e.g. retries coming due)
 * @param maxAttempts provider calls per attempt before it is failed
 * @param firstRetryDelay backoff after the first transient failure, doubling each time
 * @param maxRetryDelay the longest backoff
 * @param ratePerSecond sends per second per provider account, shared by all worker processes
 */
public record DeliveryOptions(int batchSize, Duration lease, Duration pollInterval, int maxAttempts,
                              Duration firstRetryDelay, Duration maxRetryDelay, double ratePerSecond) {

  public static final DeliveryOptions DEFAULTS = new DeliveryOptions(50, Duration.ofSeconds(60),
      Duration.ofSeconds(5), 8, Duration.ofSeconds(2), Duration.ofMinutes(10), 20);

  public DeliveryOptions {
    if (batchSize < 1 || maxAttempts < 1 || ratePerSecond <= 0) {
      throw new IllegalArgumentException("delivery needs batch size ≥ 1, max attempts ≥ 1 and a rate > 0");
    }
    if (lease.toMillis() < 1_000) {
      throw new IllegalArgumentException("delivery lease must be at least one second");
    }
  }
}
