package vn.lienlac.delivery.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A guardian's quiet period in Vietnam time, e.g. 21:00–06:30 (crossing midnight) or 12:00–13:30.
 * Sends that are not urgent wait until it ends.
 */
public record QuietHours(LocalTime from, LocalTime until) {

  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  public QuietHours {
    if (from == null || until == null || from.equals(until)) {
      throw new IllegalArgumentException("quiet hours need a start and a different end");
    }
  }

  /** {@code now} if it is outside the quiet period, otherwise the instant the period ends. */
  public Instant nextAllowed(Instant now) {
    ZonedDateTime local = now.atZone(VIETNAM);
    LocalTime t = local.toLocalTime();
    LocalDate day = local.toLocalDate();
    boolean crossesMidnight = from.isAfter(until);
    if (!crossesMidnight) {
      return !t.isBefore(from) && t.isBefore(until) ? day.atTime(until).atZone(VIETNAM).toInstant() : now;
    }
    if (!t.isBefore(from)) {
      return day.plusDays(1).atTime(until).atZone(VIETNAM).toInstant();
    }
    if (t.isBefore(until)) {
      return day.atTime(until).atZone(VIETNAM).toInstant();
    }
    return now;
  }
}
