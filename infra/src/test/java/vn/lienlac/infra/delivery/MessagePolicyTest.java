package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.push.GoogleAccessTokens;
import vn.lienlac.infra.sandbox.fcm.FcmSandboxAccount;
import vn.lienlac.infra.sandbox.fcm.FcmTwin;

/** Quiet hours, budgets and OAuth tokens, against the database and the sandbox. */
class MessagePolicyTest {

  MessageFixture m;

  @BeforeEach
  void start() {
    m = new MessageFixture("message_policy");
  }

  @AfterEach
  void stop() {
    m.close();
  }

  /** Quiet hours around the current Vietnam time, whatever time the test runs. */
  void quietNowFor(long guardian) {
    LocalTime now = LocalTime.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    m.f.execute("INSERT INTO delivery.guardian_preference (guardian_id, quiet_from, quiet_until) VALUES ($1, $2, $3)",
        guardian, now.minusHours(1), now.plusHours(2));
  }

  @Test
  void a_normal_message_in_quiet_hours_waits_until_they_end_and_an_emergency_goes_at_once() {
    m.guardians(1, 1, 1);
    quietNowFor(1);
    long normal = m.message("normal", false, 1, 1);
    long emergency = m.message("emergency", false, 1, 1);
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofMinutes(10), false));

    m.awaitStatus(emergency, "done", Duration.ofSeconds(30));
    List<JsonObject> waiting = m.attempts(normal, 1);
    assertThat(waiting).hasSize(1);
    assertThat(waiting.get(0).getString("state")).isEqualTo("pending");
    Instant due = Instant.parse(waiting.get(0).getString("next_attempt_at").replaceFirst("(\\+\\d\\d:\\d\\d)$", "$1"));
    assertThat(due).isAfter(Instant.now().plus(Duration.ofMinutes(100)));
    assertThat(m.status(normal)).isEqualTo("sending");
    assertThat(m.attempts(emergency, 1)).extracting(a -> a.getString("channel")).containsExactlyInAnyOrder("push", "sms", "zns");
    DeliveryFixture.awaitTrue("the emergency push (the SMS may have been first)", Duration.ofSeconds(10),
        () -> m.f.sandbox.outbox().to("tok-1-0").size() == 1);
  }

  @Test
  void at_a_spent_budget_paid_channels_stop_for_normal_messages_but_an_emergency_still_takes_them() {
    m.guardians(1, 2, 0);
    m.f.execute("""
        INSERT INTO delivery.school_budget (school_code, month, channel, limit_vnd, spent_vnd)
        VALUES ($1, date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'zns', 10000, 10000),
               ($1, date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'sms', 10000, 0)""",
        MessageFixture.SCHOOL);
    long normal = m.message("normal", false, 1, 1);
    long emergency = m.message("emergency", false, 2, 2);
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofMinutes(10), false));

    m.awaitStatus(normal, "done", Duration.ofSeconds(30));
    m.awaitStatus(emergency, "done", Duration.ofSeconds(30));
    assertThat(m.recipient(normal, 1).getString("unreachable_reason")).isEqualTo("budget");
    assertThat(m.attempts(normal, 1)).extracting(a -> a.getString("channel")).containsExactly("push");
    assertThat(m.attempts(emergency, 2)).extracting(a -> a.getString("channel")).containsExactlyInAnyOrder("push", "sms", "zns");
    assertThat(m.recipient(emergency, 2).getString("delivery_state")).isEqualTo("delivered");
    assertThat(m.recipient(emergency, 2).getString("delivery_channel")).isEqualTo("sms");
    assertThat(m.f.count("SELECT spent_vnd FROM delivery.school_budget WHERE channel = 'sms'"))
        .as("the SMS cost charged to the school's budget").isPositive();
  }

  @Test
  void the_principal_is_warned_once_when_a_paid_channel_passes_eighty_percent_of_its_budget() {
    m.f.execute("""
        INSERT INTO api.staff_account (id, username, display_name, role, school_code)
        VALUES (41, 'hieutruong', 'Hiệu trưởng', 'principal', $1)""", MessageFixture.SCHOOL);
    m.f.execute("""
        INSERT INTO delivery.school_budget (school_code, month, channel, limit_vnd, spent_vnd)
        VALUES ($1, date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'sms', 1000, 850)""",
        MessageFixture.SCHOOL);
    var dispatcher = m.dispatcher(Duration.ofMinutes(10), false);
    m.f.deploy(dispatcher);
    DeliveryFixture.awaitTrue("the budget warning", Duration.ofSeconds(10),
        () -> m.userEvents.stream().anyMatch(e -> e.startsWith("s:41 delivery.updated")));
    dispatcher.tick().await();
    assertThat(m.userEvents.stream().filter(e -> e.startsWith("s:41 ")).toList()).hasSize(1)
        .allSatisfy(e -> assertThat(e).contains("\"channel\":\"sms\"").contains("\"percent\":85"));
  }

  @Test
  void an_oauth_token_is_fetched_once_reused_while_valid_and_replaced_before_it_expires() throws Exception {
    FcmTwin fcm = m.f.sandbox.fcm();
    fcm.tokenLifetimeSeconds(3);
    var tokens = new GoogleAccessTokens(m.f.http, FcmSandboxAccount.demo().account(), m.f.sandbox.url() + FcmTwin.TOKEN_PATH,
        Duration.ofSeconds(2), Clock.systemUTC());
    String first = tokens.token().await();
    assertThat(tokens.token().await()).isEqualTo(first);
    assertThat(fcm.stats().getLong("tokensIssued")).isEqualTo(1);
    Thread.sleep(1_100);
    String second = tokens.token().await();
    assertThat(second).as("less than 2 s of validity left: replaced early").isNotEqualTo(first);
    assertThat(fcm.stats().getLong("tokensIssued")).isEqualTo(2);
  }
}
