package vn.lienlac.messaging.thread;

import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * One weekly stretch of office hours, in local time of Asia/Ho_Chi_Minh: {@code day} (ISO, Monday = 1)
 * from {@code from} (inclusive) to {@code to} (exclusive); {@code to} may be {@code 24:00} (end of day).
 *
 * @param endMinute minutes after midnight, 1..1440
 */
public record WeeklyWindow(DayOfWeek day, int startMinute, int endMinute) {

  public WeeklyWindow {
    if (startMinute < 0 || endMinute > 24 * 60 || startMinute >= endMinute) {
      throw new IllegalArgumentException("a window must start before it ends, within one day");
    }
  }

  /** A window as the API takes it; {@link IllegalArgumentException} names what is wrong. */
  public static WeeklyWindow fromJson(JsonObject json) {
    Object day = json.getValue("day");
    if (!(day instanceof Integer d) || d < 1 || d > 7) {
      throw new IllegalArgumentException("day must be 1 (Monday) to 7 (Sunday)");
    }
    int from = minute(json.getString("from"), "from");
    int to = minute(json.getString("to"), "to");
    if (from >= to) {
      throw new IllegalArgumentException("from must be earlier than to");
    }
    return new WeeklyWindow(DayOfWeek.of(d), from, to);
  }

  private static int minute(String hhmm, String field) {
    if ("24:00".equals(hhmm) && field.equals("to")) {
      return 24 * 60;
    }
    try {
      if (hhmm == null || hhmm.length() != 5) {
        throw new DateTimeParseException("not HH:MM", String.valueOf(hhmm), 0);
      }
      LocalTime t = LocalTime.parse(hhmm);
      return t.getHour() * 60 + t.getMinute();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be a time HH:MM" + (field.equals("to") ? " (or 24:00)" : ""));
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("day", day.getValue()).put("from", text(startMinute)).put("to", text(endMinute));
  }

  private static String text(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }
}
