package vn.lienlac.messaging.thread;

import io.vertx.core.json.JsonArray;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a staff member takes guardians' messages: weekly windows in Asia/Ho_Chi_Minh. A guardian's
 * message outside them is stored at once but reaches the staff member only at the next opening, and
 * the guardian gets the auto-reply, once per closed period. Disabled office hours are always open.
 *
 * @param autoReplyEn null when the staff member wrote none: English-speaking guardians get the Vietnamese text
 */
public record OfficeHours(boolean enabled, List<WeeklyWindow> windows, String autoReplyVi, String autoReplyEn) {

  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  public static final int MAX_WINDOWS = 50;

  /** No office hours set: messages are delivered at any time. */
  public static final OfficeHours ALWAYS_OPEN = new OfficeHours(false, List.of(), null, null);

  public OfficeHours {
    windows = List.copyOf(windows);
    if (enabled && windows.isEmpty()) {
      throw new IllegalArgumentException("enabled office hours need at least one window");
    }
  }

  public static List<WeeklyWindow> windowsFromJson(JsonArray json) {
    List<WeeklyWindow> windows = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      windows.add(WeeklyWindow.fromJson(json.getJsonObject(i)));
    }
    return windows;
  }

  public JsonArray windowsJson() {
    JsonArray a = new JsonArray();
    windows.forEach(w -> a.add(w.toJson()));
    return a;
  }

  public boolean isOpen(Instant at) {
    if (!enabled) {
      return true;
    }
    ZonedDateTime local = at.atZone(ZONE);
    int minute = local.getHour() * 60 + local.getMinute();
    return windows.stream().anyMatch(w -> w.day() == local.getDayOfWeek()
        && w.startMinute() <= minute && minute < w.endMinute());
  }

  /**
   * The instant the office next opens after {@code at} when it is closed then; empty when it is open
   * (nothing to wait for). The closed period a message falls in is identified by this instant.
   */
  public Optional<Instant> nextOpening(Instant at) {
    if (isOpen(at)) {
      return Optional.empty();
    }
    ZonedDateTime local = at.atZone(ZONE);
    LocalDate today = local.toLocalDate();
    int minute = local.getHour() * 60 + local.getMinute();
    Instant best = null;
    // Eight days: today's later windows, the six days after, and today's weekday a week on.
    for (int ahead = 0; ahead <= 7; ahead++) {
      LocalDate date = today.plusDays(ahead);
      DayOfWeek day = date.getDayOfWeek();
      for (WeeklyWindow w : windows) {
        if (w.day() != day || (ahead == 0 && w.startMinute() <= minute)) {
          continue;
        }
        Instant start = date.atStartOfDay(ZONE).plusMinutes(w.startMinute()).toInstant();
        if (best == null || start.isBefore(best)) {
          best = start;
        }
      }
      if (best != null) {
        return Optional.of(best);
      }
    }
    throw new IllegalStateException("enabled office hours without windows");
  }

  /** The auto-reply in the guardian's language ({@code vi} or {@code en}). */
  public String autoReplyIn(String language) {
    return "en".equals(language) && autoReplyEn != null ? autoReplyEn : autoReplyVi;
  }
}
