package vn.lienlac.api.platform.limits;

/**
 * How many requests a signed-in user and an IP address may make: a bucket of {@code burst} tokens
 * refilled at {@code perSecond}. The defaults suit a school app (a parent's app opening fires a
 * handful of calls; a school's NAT may put hundreds of phones behind one address).
 *
 * @param keyPrefix namespace of the Redis keys, so that test servers sharing one Redis stay apart
 */
public record RateLimits(double userPerSecond, long userBurst, double ipPerSecond, long ipBurst, String keyPrefix) {

  public static final RateLimits DEFAULTS = new RateLimits(20, 60, 100, 300, "rl:api:");

  public RateLimits {
    if (userPerSecond <= 0 || ipPerSecond <= 0 || userBurst < 1 || ipBurst < 1) {
      throw new IllegalArgumentException("rate limits need a rate > 0 and a burst ≥ 1");
    }
  }

  public RateLimits withKeyPrefix(String prefix) {
    return new RateLimits(userPerSecond, userBurst, ipPerSecond, ipBurst, prefix);
  }
}
