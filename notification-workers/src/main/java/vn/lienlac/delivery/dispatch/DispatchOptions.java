package vn.lienlac.delivery.dispatch;

import java.time.Duration;
import vn.lienlac.delivery.policy.SchoolPolicy;

/**
 * How the message dispatcher runs.
 *
 * @param chunk recipients turned into attempts per transaction
 * @param interval how often it looks for queued messages, plan steps that are over and finished messages
 * @param defaults the policy of schools without a delivery.school_policy row
 */
public record DispatchOptions(int chunk, Duration interval, SchoolPolicy defaults) {

  public static final DispatchOptions DEFAULTS = new DispatchOptions(5_000, Duration.ofSeconds(2), SchoolPolicy.DEFAULTS);

  public DispatchOptions {
    if (chunk < 1 || interval.toMillis() < 10) {
      throw new IllegalArgumentException("dispatch needs a chunk ≥ 1 and an interval ≥ 10 ms");
    }
  }
}
