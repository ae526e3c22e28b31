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
 * @param breakerThreshold consecutive transient failures of a provider that open its circuit breaker
 * @param breakerCooldown how long an open breaker holds attempts back before one probe goes through
 * @param channelRates sends per second per channel kind where it differs from {@code ratePerSecond}
 *     (push: FCM's quota is far above an SMS account's)
 */
public record DeliveryOptions(int batchSize, Duration lease, Duration pollInterval, int maxAttempts,
                              Duration firstRetryDelay, Duration maxRetryDelay, double ratePerSecond,
                              int breakerThreshold, Duration breakerCooldown, java.util.Map<String, Double> channelRates) {

  public DeliveryOptions(int batchSize, Duration lease, Duration pollInterval, int maxAttempts,
                         Duration firstRetryDelay, Duration maxRetryDelay, double ratePerSecond) {
    this(batchSize, lease, pollInterval, maxAttempts, firstRetryDelay, maxRetryDelay, ratePerSecond, 5,
        Duration.ofSeconds(30), java.util.Map.of());
  }

  public DeliveryOptions withBreaker(int threshold, Duration cooldown) {
    return new DeliveryOptions(batchSize, lease, pollInterval, maxAttempts, firstRetryDelay, maxRetryDelay,
        ratePerSecond, threshold, cooldown, channelRates);
  }

  public DeliveryOptions withChannelRate(String channel, double perSecond) {
    var rates = new java.util.HashMap<>(channelRates);
    rates.put(channel, perSecond);
    return new DeliveryOptions(batchSize, lease, pollInterval, maxAttempts, firstRetryDelay, maxRetryDelay,
        ratePerSecond, breakerThreshold, breakerCooldown, rates);
  }

  public double rateOf(String channel) {
    return channelRates.getOrDefault(channel, ratePerSecond);
  }

  public static final DeliveryOptions DEFAULTS = new DeliveryOptions(50, Duration.ofSeconds(60),
      Duration.ofSeconds(5), 8, Duration.ofSeconds(2), Duration.ofMinutes(10), 20);

  public DeliveryOptions {
    channelRates = java.util.Map.copyOf(channelRates);
    if (breakerThreshold < 1) {
      throw new IllegalArgumentException("the circuit breaker needs a threshold ≥ 1");
    }
    if (batchSize < 1 || maxAttempts < 1 || ratePerSecond <= 0) {
      throw new IllegalArgumentException("delivery needs batch size ≥ 1, max attempts ≥ 1 and a rate > 0");
    }
    if (lease.toMillis() < 1_000) {
      throw new IllegalArgumentException("delivery lease must be at least one second");
    }
  }
}
