package vn.lienlac.delivery;

/**
 * What the delivery worker reports as it records outcomes, for metrics and alerts (an {@code unknown}
 * needs a person: the provider may or may not have the message).
 */
public interface DeliveryEvents {

  DeliveryEvents NONE = (channel, provider, outcome, costVnd) -> { };

  /**
   * @param outcome {@code accepted}, {@code retry}, {@code failed}, {@code unknown} or {@code rate_limited}
   * @param costVnd what an accepted send cost, else 0
   */
  void recorded(String channel, String provider, String outcome, long costVnd);
}
