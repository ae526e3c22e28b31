package vn.lienlac.delivery.policy;

import java.time.Duration;
import java.util.Map;

/**
 * A school's delivery settings (delivery.school_policy), defaults written here: SMS not allowed
 * (it is the most expensive channel), plans {@link ChannelPlan#NORMAL}/{@link ChannelPlan#IMPORTANT}/
 * {@link ChannelPlan#EMERGENCY}, fallback after 10 minutes without delivery, an acknowledgement
 * reminder after 24 hours, ZNS at 300 đồng a message.
 *
 * @param plans per priority, overriding the defaults (absent priorities keep the default)
 */
public record SchoolPolicy(boolean smsAllowed, Map<String, ChannelPlan> plans, Duration fallbackAfter,
                           Duration ackReminderAfter, long znsPriceVnd) {

  public static final Duration DEFAULT_FALLBACK = Duration.ofMinutes(10);
  public static final Duration DEFAULT_ACK_REMINDER = Duration.ofHours(24);
  public static final long DEFAULT_ZNS_PRICE_VND = 300;
  public static final SchoolPolicy DEFAULTS = new SchoolPolicy(false, Map.of(), DEFAULT_FALLBACK,
      DEFAULT_ACK_REMINDER, DEFAULT_ZNS_PRICE_VND);

  public SchoolPolicy {
    plans = Map.copyOf(plans);
    if (fallbackAfter.isNegative() || fallbackAfter.isZero() || ackReminderAfter.isNegative() || znsPriceVnd < 0) {
      throw new IllegalArgumentException("fallback and reminder delays must be positive and the ZNS price ≥ 0");
    }
  }

  /**
   * The plan for a priority. SMS is dropped where the school does not allow it, except in an
   * emergency: an emergency reaches every guardian by every channel whatever the settings.
   */
  public ChannelPlan planFor(String priority) {
    ChannelPlan plan = plans.getOrDefault(priority, ChannelPlan.defaultFor(priority));
    return smsAllowed || "emergency".equals(priority) ? plan : plan.without("sms");
  }
}
