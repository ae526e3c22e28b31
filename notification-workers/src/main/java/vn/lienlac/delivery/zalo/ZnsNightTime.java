package vn.lienlac.delivery.zalo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * ZNS refuses sends from 22:00 to 06:00 Vietnam time. Sends are scheduled around it (the database
 * moves a ZNS attempt due at night to 06:00, see {@code delivery.zns_daytime}); this is the same rule
 * for the channel's own check and for a {@code -133} answer near the boundary.
 */
public final class ZnsNightTime {

  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  static final LocalTime NIGHT_STARTS = LocalTime.of(22, 0);
  static final LocalTime MORNING = LocalTime.of(6, 0);
  static final Duration MAX_JITTER = Duration.ofMinutes(10);

  private ZnsNightTime() {}

  public static boolean isNight(Instant at) {
    LocalTime local = at.atZone(VIETNAM).toLocalTime();
    return !local.isBefore(NIGHT_STARTS) || local.isBefore(MORNING);
  }

  /**
   * How long to wait until sending is allowed again: to the next 06:00 plus {@code jitter} × 10 minutes.
   * Zero in the daytime.
   *
   * @param jitter a number in [0, 1)
   */
  public static Duration untilMorning(Instant now, double jitter) {
    if (!isNight(now)) {
      return Duration.ZERO;
    }
    ZonedDateTime local = now.atZone(VIETNAM);
    ZonedDateTime morning = local.toLocalTime().isBefore(MORNING)
        ? local.with(MORNING) : local.plusDays(1).with(MORNING);
    return Duration.between(now, morning.toInstant()).plusMillis((long) (MAX_JITTER.toMillis() * jitter));
  }
}
