package vn.lienlac.delivery.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

  /** 22:30 in Vietnam (UTC+7). */
  static final Instant NIGHT = Instant.parse("2026-11-22T15:30:00Z");
  static final Instant NOON = Instant.parse("2026-11-22T05:00:00Z");
  static final QuietHours NIGHTS = new QuietHours(LocalTime.of(21, 0), LocalTime.of(6, 30));
  static final SchoolPolicy SMS_SCHOOL = new SchoolPolicy(true, Map.of(), Duration.ofMinutes(10), Duration.ofHours(24), 300);

  static List<String> channels(DeliveryPolicy.Step s) {
    return s.attempts().stream().map(DeliveryPolicy.Planned::channel).toList();
  }

  @Test
  void a_normal_message_starts_with_push_then_zns_and_takes_sms_only_where_the_school_allows_it() {
    assertThat(SchoolPolicy.DEFAULTS.planFor("normal").steps()).containsExactly(Set.of("push"), Set.of("zns"));
    assertThat(SMS_SCHOOL.planFor("normal").steps()).containsExactly(Set.of("push"), Set.of("zns"), Set.of("sms"));
    assertThat(SchoolPolicy.DEFAULTS.planFor("important").steps()).containsExactly(Set.of("push", "zns"));
  }

  @Test
  void an_emergency_goes_by_push_zns_and_sms_at_once_even_where_sms_is_not_allowed() {
    var step = DeliveryPolicy.step("emergency", 0, SchoolPolicy.DEFAULTS, GuardianPreference.NONE, Map.of(), NOON);
    assertThat(channels(step)).containsExactly("push", "sms", "zns");
  }

  @Test
  void a_non_urgent_send_in_quiet_hours_waits_until_morning_and_an_emergency_goes_now() {
    var guardian = new GuardianPreference(null, NIGHTS);
    var normal = DeliveryPolicy.step("normal", 0, SchoolPolicy.DEFAULTS, guardian, Map.of(), NIGHT);
    assertThat(normal.attempts().get(0).notBefore()).isEqualTo(Instant.parse("2026-11-22T23:30:00Z"));
    var emergency = DeliveryPolicy.step("emergency", 0, SchoolPolicy.DEFAULTS, guardian, Map.of(), NIGHT);
    assertThat(emergency.attempts()).allMatch(p -> p.notBefore().equals(NIGHT));
  }

  @Test
  void quiet_hours_within_one_day_and_across_midnight_end_at_the_right_instant() {
    var lunch = new QuietHours(LocalTime.of(11, 30), LocalTime.of(13, 30));
    assertThat(lunch.nextAllowed(NOON)).isEqualTo(Instant.parse("2026-11-22T06:30:00Z"));
    assertThat(lunch.nextAllowed(NIGHT)).isEqualTo(NIGHT);
    assertThat(NIGHTS.nextAllowed(NOON)).isEqualTo(NOON);
    Instant threeAm = Instant.parse("2026-11-22T20:00:00Z");
    assertThat(NIGHTS.nextAllowed(threeAm)).isEqualTo(Instant.parse("2026-11-22T23:30:00Z"));
  }

  @Test
  void a_spent_budget_stops_paid_channels_for_normal_messages_but_not_for_emergencies() {
    Map<String, Budget> spent = Map.of("zns", new Budget(100_000, 100_000), "sms", new Budget(50_000, 60_000));
    var normal = DeliveryPolicy.step("normal", 1, SMS_SCHOOL, GuardianPreference.NONE, spent, NOON);
    assertThat(normal.attempts()).isEmpty();
    assertThat(normal.reason()).isEqualTo(DeliveryPolicy.Unreachable.budget);
    var skip = DeliveryPolicy.firstPossible("normal", 1, SMS_SCHOOL, GuardianPreference.NONE, spent, NOON);
    assertThat(skip.index()).isEqualTo(3);
    assertThat(skip.step().reason()).isEqualTo(DeliveryPolicy.Unreachable.budget);
    var emergency = DeliveryPolicy.step("emergency", 0, SMS_SCHOOL, GuardianPreference.NONE, spent, NOON);
    assertThat(channels(emergency)).containsExactly("push", "sms", "zns");
  }

  @Test
  void budgets_warn_at_eighty_percent_and_are_exhausted_at_the_limit() {
    assertThat(new Budget(1000, 799).level()).isEqualTo(Budget.Level.UNDER);
    assertThat(new Budget(1000, 800).level()).isEqualTo(Budget.Level.WARNING);
    assertThat(new Budget(1000, 1000).level()).isEqualTo(Budget.Level.EXHAUSTED);
  }

  @Test
  void a_guardian_who_opted_out_of_a_channel_skips_it_and_is_unreachable_when_nothing_is_left() {
    var pushOnly = new GuardianPreference(Set.of("push"), null);
    assertThat(channels(DeliveryPolicy.step("important", 0, SchoolPolicy.DEFAULTS, pushOnly, Map.of(), NOON)))
        .containsExactly("push");
    var found = DeliveryPolicy.firstPossible("normal", 1, SchoolPolicy.DEFAULTS, pushOnly, Map.of(), NOON);
    assertThat(found.step().attempts()).isEmpty();
    assertThat(found.step().reason()).isEqualTo(DeliveryPolicy.Unreachable.opted_out);
  }

  @Test
  void a_plan_naming_an_unknown_channel_is_refused() {
    assertThatThrownBy(() -> new ChannelPlan(List.of(Set.of("fax")))).hasMessageContaining("unknown channel 'fax'");
  }
}
