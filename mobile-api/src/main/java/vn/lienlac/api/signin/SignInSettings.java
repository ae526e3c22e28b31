package vn.lienlac.api.signin;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lienlac.api.auth.password.Argon2id;

/**
 * How sign-in behaves: refresh-token lifetimes, the throttles (Redis token buckets) and where their
 * keys live. The launcher builds it from configuration; tests start from {@link #defaults()}.
 *
 * @param guardianRefreshTtl how long a guardian's refresh token lives (each refresh starts a new one)
 * @param staffRefreshTtl the same for staff, shorter: staff reach many families' data
 * @param redisPrefix namespace of every Redis key sign-in writes (throttles, revoked sessions)
 */
public record SignInSettings(Duration guardianRefreshTtl, Duration staffRefreshTtl, Limit otpPerPhone, Limit otpPerIp,
                             Limit otpVerifyPerIp, Limit passwordPerUsername, Limit passwordPerIp,
                             Argon2id.Cost passwordCost, String redisPrefix) {

  public SignInSettings {
    Objects.requireNonNull(redisPrefix, "redisPrefix");
    if (guardianRefreshTtl.isNegative() || guardianRefreshTtl.isZero() || staffRefreshTtl.isNegative()
        || staffRefreshTtl.isZero()) {
      throw new IllegalArgumentException("refresh-token lifetimes must be positive");
    }
  }

  public static SignInSettings defaults() {
    return new SignInSettings(Duration.ofDays(60), Duration.ofHours(12),
        Limit.parse("3/PT15M"), Limit.parse("20/PT1H"), Limit.parse("30/PT15M"),
        Limit.parse("10/PT15M"), Limit.parse("50/PT15M"), Argon2id.Cost.RECOMMENDED, "lienlac:");
  }

  public SignInSettings withRedisPrefix(String prefix) {
    return new SignInSettings(guardianRefreshTtl, staffRefreshTtl, otpPerPhone, otpPerIp, otpVerifyPerIp,
        passwordPerUsername, passwordPerIp, passwordCost, prefix);
  }

  public SignInSettings withLimits(Limit otpPerPhone, Limit otpPerIp, Limit otpVerifyPerIp, Limit passwordPerUsername,
                                   Limit passwordPerIp) {
    return new SignInSettings(guardianRefreshTtl, staffRefreshTtl, otpPerPhone, otpPerIp, otpVerifyPerIp,
        passwordPerUsername, passwordPerIp, passwordCost, redisPrefix);
  }

  public SignInSettings withPasswordCost(Argon2id.Cost cost) {
    return new SignInSettings(guardianRefreshTtl, staffRefreshTtl, otpPerPhone, otpPerIp, otpVerifyPerIp,
        passwordPerUsername, passwordPerIp, cost, redisPrefix);
  }

  /** At most {@code count} requests per {@code period}, refilled evenly; written {@code 3/PT15M}. */
  public record Limit(int count, Duration period) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,6})/(P\\S+)");

    public Limit {
      if (count < 1 || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("a limit needs a count ≥ 1 and a positive period");
      }
    }

    public static Limit parse(String text) {
      Matcher m = TEXT.matcher(text == null ? "" : text.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("a limit is written COUNT/ISO-8601-DURATION, e.g. 3/PT15M; got '" + text + "'");
      }
      try {
        return new Limit(Integer.parseInt(m.group(1)), Duration.parse(m.group(2)));
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("a limit is written COUNT/ISO-8601-DURATION, e.g. 3/PT15M; got '" + text + "'");
      }
    }

    double refillPerSecond() {
      return count / (period.toMillis() / 1000.0);
    }

    @Override
    public String toString() {
      return count + "/" + period;
    }
  }
}
