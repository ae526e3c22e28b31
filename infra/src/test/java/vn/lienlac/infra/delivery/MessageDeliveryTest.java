package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.sandbox.Received;

/** Messages delivered to guardians by push with their plan's fallbacks, against the sandbox FCM. */
class MessageDeliveryTest {

  MessageFixture m;

  @BeforeEach
  void start() {
    m = new MessageFixture("message_delivery");
  }

  @AfterEach
  void stop() {
    m.close();
  }

  @Test
  void a_queued_message_is_pushed_to_every_device_and_goes_sending_then_done_with_the_counts() {
    m.guardians(1, 20, 2);
    long message = m.message("important", false, 1, 20);
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofMinutes(10), false));

    m.awaitStatus(message, "done", Duration.ofSeconds(30));

    assertThat(m.sum(message, "delivered")).isEqualTo(20);
    assertThat(m.sum(message, "unreachable")).isZero();
    JsonObject r = m.recipient(message, 7);
    assertThat(r.getString("delivery_state")).isEqualTo("delivered");
    assertThat(r.getString("delivery_channel")).isIn("push", "zns");
    assertThat(r.getString("delivered_at")).isNotNull();
    List<Received> pushes = m.f.sandbox.outbox().to("tok-7-1");
    assertThat(pushes).hasSize(1);
    assertThat(pushes.get(0).text()).isEqualTo("Họp phụ huynh — Kính mời quý phụ huynh dự họp lúc 8 giờ.");
    JsonObject push = m.attempts(message, 7).stream().filter(a -> a.getString("channel").equals("push")).findFirst().orElseThrow();
    assertThat(push.getString("state")).isEqualTo("accepted");
    assertThat(push.getInteger("devices_reached")).isEqualTo(2);
    assertThat(push.getString("provider_message_id")).startsWith("projects/lienlac-sandbox/messages/");
    assertThat(m.userEvents).anySatisfy(e -> assertThat(e).startsWith("s:1 delivery.updated")
        .contains("\"status\":\"done\"").contains("\"delivered\":20"));
    assertThat(m.f.sandbox.fcm().stats().getLong("tokensIssued")).as("one OAuth token for all pushes").isEqualTo(1);
  }

  @Test
  void an_unregistered_token_removes_that_device_and_the_guardian_without_an_app_falls_back_and_is_unreachable() {
    m.guardians(1, 2, 1);
    m.f.execute("UPDATE api.device SET push_token = 'dead-' || guardian_id WHERE guardian_id = 2");
    long message = m.message("normal", false, 1, 2);
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofMinutes(10), false));

    m.awaitStatus(message, "done", Duration.ofSeconds(30));

    assertThat(m.f.count("SELECT count(*) FROM api.device WHERE guardian_id = 2 AND removed_reason = 'push_token_dead'"))
        .isEqualTo(1);
    JsonObject r = m.recipient(message, 2);
    assertThat(r.getString("delivery_state")).isEqualTo("unreachable");
    assertThat(r.getString("unreachable_reason")).as("push failed, then no ZNS adapter in these workers").isEqualTo("no_zalo");
    List<JsonObject> attempts = m.attempts(message, 2);
    assertThat(attempts).extracting(a -> a.getString("channel")).containsExactly("push", "zns");
    assertThat(attempts.get(0).getString("last_error")).contains("UNREGISTERED");
    assertThat(attempts.get(1).getString("last_error")).startsWith("no_channel");
    assertThat(m.sum(message, "delivered")).isEqualTo(1);
    assertThat(m.sum(message, "unreachable")).isEqualTo(1);
  }

  @Test
  void quota_and_outage_answers_are_retried_after_the_retry_after_delay_and_the_push_arrives_once() {
    m.guardians(1, 1, 1);
    m.f.control(new JsonObject().put("provider", "fcm").put("failNext", new JsonArray().add("429").add("503")));
    long message = m.message("normal", false, 1, 1);
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofMinutes(10), false));

    m.awaitStatus(message, "done", Duration.ofSeconds(30));

    JsonObject push = m.attempts(message, 1).get(0);
    assertThat(push.getInteger("attempt_count")).isEqualTo(3);
    Duration took = Duration.between(Instant.parse(push.getString("created_at") + "").minusSeconds(0),
        Instant.parse(push.getString("accepted_at")));
    assertThat(took).as("two Retry-After: 1 waits").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(m.f.sandbox.outbox().to("tok-1-0")).hasSize(1);
  }

  @Test
  void a_push_not_delivered_within_the_fallback_delay_starts_the_next_step_of_the_plan() {
    m.guardians(1, 1, 1);
    m.f.control(new JsonObject().put("provider", "fcm").put("outage", new JsonObject().put("seconds", 30)));
    long message = m.message("normal", false, 1, 1);
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofSeconds(2), false));

    DeliveryFixture.awaitTrue("a ZNS attempt", Duration.ofSeconds(20), () -> m.attempts(message, 1).size() == 2);
    List<JsonObject> attempts = m.attempts(message, 1);
    assertThat(attempts.get(1).getString("channel")).isEqualTo("zns");
    assertThat(attempts.get(1).getInteger("plan_step")).isEqualTo(1);
    assertThat(attempts.get(0).getString("state")).as("push keeps retrying meanwhile").isNotEqualTo("accepted");
  }

  @Test
  void a_provider_failing_again_and_again_opens_the_breaker_and_held_attempts_move_to_the_next_channel() {
    m.guardians(1, 10, 1);
    m.f.control(new JsonObject().put("provider", "fcm").put("outage", new JsonObject().put("seconds", 60)));
    long message = m.message("normal", false, 1, 10);
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofMinutes(10), false));

    DeliveryFixture.awaitTrue("attempts held by the open breaker", Duration.ofSeconds(20),
        () -> m.f.count("SELECT count(*) FROM delivery.attempt WHERE channel = 'push' AND held_by_breaker") > 0);
    DeliveryFixture.awaitTrue("the next step for held recipients", Duration.ofSeconds(20),
        () -> m.f.count("SELECT count(*) FROM delivery.attempt WHERE channel = 'zns'") > 0);
    assertThat(m.f.reported).contains("fcm:held");
    long before = m.f.count("SELECT sum(attempt_count) FROM delivery.attempt WHERE channel = 'push'");
    sleep(Duration.ofSeconds(3));
    long after = m.f.count("SELECT sum(attempt_count) FROM delivery.attempt WHERE channel = 'push'");
    assertThat(after - before).as("FCM calls in 3 s with the breaker open: one probe per 2 s cooldown, not ten retries a second")
        .isLessThanOrEqualTo(3);
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
