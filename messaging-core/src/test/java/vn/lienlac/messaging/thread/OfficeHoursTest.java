package vn.lienlac.messaging.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfficeHoursTest {

  /** Monday to Friday 07:00–11:30 and 13:30–17:00, Saturday morning. */
  static final OfficeHours SCHOOL_WEEK = new OfficeHours(true, List.of(
      window(DayOfWeek.MONDAY, "07:00", "11:30"), window(DayOfWeek.MONDAY, "13:30", "17:00"),
      window(DayOfWeek.TUESDAY, "07:00", "17:00"), window(DayOfWeek.WEDNESDAY, "07:00", "17:00"),
      window(DayOfWeek.THURSDAY, "07:00", "17:00"), window(DayOfWeek.FRIDAY, "07:00", "17:00"),
      window(DayOfWeek.SATURDAY, "07:30", "10:00")), "Cô sẽ trả lời trong giờ làm việc.", "I will answer during office hours.");

  static WeeklyWindow window(DayOfWeek day, String from, String to) {
    return WeeklyWindow.fromJson(new JsonObject().put("day", day.getValue()).put("from", from).put("to", to));
  }

  /** 2026-11-23 is a Monday. */
  static Instant hanoi(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(OfficeHours.ZONE).toInstant();
  }

  @Test
  void a_message_inside_a_window_is_delivered_at_once() {
    assertThat(SCHOOL_WEEK.isOpen(hanoi("2026-11-23T07:00"))).isTrue();
    assertThat(SCHOOL_WEEK.nextOpening(hanoi("2026-11-23T10:15"))).isEmpty();
    assertThat(SCHOOL_WEEK.isOpen(hanoi("2026-11-23T11:30"))).as("the end is exclusive").isFalse();
  }

  @Test
  void the_lunch_break_opens_again_the_same_afternoon() {
    assertThat(SCHOOL_WEEK.nextOpening(hanoi("2026-11-23T12:00"))).contains(hanoi("2026-11-23T13:30"));
  }

  @Test
  void a_message_on_friday_evening_waits_for_saturday_morning_and_on_saturday_afternoon_for_monday() {
    assertThat(SCHOOL_WEEK.nextOpening(hanoi("2026-11-27T21:00"))).contains(hanoi("2026-11-28T07:30"));
    assertThat(SCHOOL_WEEK.nextOpening(hanoi("2026-11-28T15:00"))).contains(hanoi("2026-11-30T07:00"));
  }

  @Test
  void a_single_weekly_window_that_just_ended_opens_again_a_week_later() {
    OfficeHours monday = new OfficeHours(true, List.of(window(DayOfWeek.MONDAY, "08:00", "09:00")), "vi", null);
    assertThat(monday.nextOpening(hanoi("2026-11-23T09:00"))).contains(hanoi("2026-11-30T08:00"));
    assertThat(monday.nextOpening(hanoi("2026-11-23T07:59"))).contains(hanoi("2026-11-23T08:00"));
  }

  @Test
  void the_time_zone_is_hanoi_whatever_the_server_says() {
    // 00:30 UTC on Monday is 07:30 in Hà Nội: open.
    assertThat(SCHOOL_WEEK.isOpen(Instant.parse("2026-11-23T00:30:00Z"))).isTrue();
    assertThat(SCHOOL_WEEK.isOpen(Instant.parse("2026-11-22T23:30:00Z"))).isFalse();
  }

  @Test
  void a_window_may_run_to_midnight_and_disabled_hours_are_always_open() {
    OfficeHours late = new OfficeHours(true, List.of(window(DayOfWeek.SUNDAY, "20:00", "24:00")), "vi", null);
    assertThat(late.isOpen(hanoi("2026-11-29T23:59"))).isTrue();
    assertThat(OfficeHours.ALWAYS_OPEN.nextOpening(hanoi("2026-11-29T03:00"))).isEmpty();
  }

  @Test
  void the_auto_reply_follows_the_guardians_language_and_falls_back_to_vietnamese() {
    assertThat(SCHOOL_WEEK.autoReplyIn("en")).isEqualTo("I will answer during office hours.");
    assertThat(SCHOOL_WEEK.autoReplyIn("vi")).isEqualTo("Cô sẽ trả lời trong giờ làm việc.");
    OfficeHours viOnly = new OfficeHours(true, List.of(window(DayOfWeek.MONDAY, "08:00", "09:00")), "Chỉ tiếng Việt", null);
    assertThat(viOnly.autoReplyIn("en")).isEqualTo("Chỉ tiếng Việt");
  }

  @Test
  void windows_that_cannot_be_are_refused_naming_the_problem() {
    assertThatThrownBy(() -> window(DayOfWeek.MONDAY, "17:00", "07:00")).hasMessageContaining("from must be earlier");
    assertThatThrownBy(() -> window(DayOfWeek.MONDAY, "7:00", "08:00")).hasMessageContaining("from must be a time");
    assertThatThrownBy(() -> window(DayOfWeek.MONDAY, "24:00", "24:00")).hasMessageContaining("from must be a time");
    assertThatThrownBy(() -> WeeklyWindow.fromJson(new JsonObject().put("day", 8).put("from", "07:00").put("to", "08:00")))
        .hasMessageContaining("day");
    assertThatThrownBy(() -> new OfficeHours(true, List.of(), "vi", null)).hasMessageContaining("at least one window");
    assertThat(OfficeHours.windowsFromJson(new JsonArray().add(window(DayOfWeek.FRIDAY, "07:00", "24:00").toJson())))
        .containsExactly(new WeeklyWindow(DayOfWeek.FRIDAY, 420, 1440));
  }
}
