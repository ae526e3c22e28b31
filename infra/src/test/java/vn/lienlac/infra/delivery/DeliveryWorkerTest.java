package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.DeliveryOptions;
import vn.lienlac.infra.sandbox.Received;
import vn.lienlac.infra.sandbox.SandboxAccounts;
import vn.lienlac.messaging.notice.Notice;

/** The delivery worker against real PostgreSQL, Redis and the sandbox providers on loopback. */
class DeliveryWorkerTest {

  static final String PHONE = "+84912345678";
  static final String UNACCENTED_OTP =
      "Ma dang nhap Lien Lac cua ban la 482913. Ma co hieu luc 5 phut. Khong chia se ma nay cho bat ky ai.";

  DeliveryFixture f;

  @BeforeEach
  void start() {
    f = new DeliveryFixture("delivery");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void a_sign_in_code_reaches_the_phone_through_esms_without_diacritics_and_the_attempt_records_it() {
    f.deploy(f.worker("esms", DeliveryFixture.FAST));

    long notice = f.otp(PHONE, "482913");
    JsonObject attempt = f.awaitAttempt(notice, "accepted");

    List<Received> received = f.outbox(PHONE);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).text()).isEqualTo(UNACCENTED_OTP);
    assertThat(received.get(0).provider()).isEqualTo("esms");
    assertThat(received.get(0).from()).isEqualTo(SandboxAccounts.DEMO.esmsBrandname());
    assertThat(attempt.getString("channel")).isEqualTo("sms");
    assertThat(attempt.getString("provider")).isEqualTo("esms");
    assertThat(attempt.getString("provider_message_id")).isEqualTo(received.get(0).id());
    assertThat(attempt.getInteger("attempt_count")).isEqualTo(1);
    assertThat(attempt.getInteger("segments")).isEqualTo(1);
    assertThat(attempt.getLong("cost_vnd")).isEqualTo(800L);
    assertThat(attempt.getString("lease_until")).isNull();
  }

  @Test
  void a_notice_reaches_the_phone_through_twilio_in_the_guardians_language_with_diacritics_when_allowed() {
    f.deploy(f.worker(f.vertx, f.config("twilio", Map.of("LIENLAC_SMS_UNACCENTED", "false")), DeliveryFixture.FAST));

    long notice = f.notices.send(new Notice(PHONE, 7L, "otp", Map.of("code", "111222", "minutes", "5"), "vi", "k")).await();
    JsonObject attempt = f.awaitAttempt(notice, "accepted");

    Received sms = f.outbox(PHONE).get(0);
    assertThat(sms.text()).startsWith("Mã đăng nhập Liên Lạc của bạn là 111222.");
    assertThat(sms.provider()).isEqualTo("twilio");
    assertThat(sms.from()).isEqualTo(SandboxAccounts.DEMO.twilioFrom());
    assertThat(attempt.getString("provider")).isEqualTo("twilio");
    assertThat(attempt.getString("provider_message_id")).isEqualTo(sms.id()).startsWith("SM");
    assertThat(attempt.getInteger("segments")).as("UCS-2, 70 characters a segment").isEqualTo(2);
    assertThat(attempt.getLong("cost_vnd")).isEqualTo(1_600L);
  }

  @Test
  void server_errors_are_retried_with_backoff_and_the_notice_arrives_once() {
    f.control(new JsonObject().put("provider", "esms").put("failNext", new JsonArray().add("503").add("500")));
    f.deploy(f.worker("esms", DeliveryFixture.FAST));

    long notice = f.otp(PHONE, "482913");
    JsonObject attempt = f.awaitAttempt(notice, "accepted");

    assertThat(attempt.getInteger("attempt_count")).isEqualTo(3);
    assertThat(f.outbox(PHONE)).hasSize(1);
    DeliveryFixture.awaitTrue("accepted reported", Duration.ofSeconds(5), () -> f.reported.size() >= 3);
    assertThat(f.reported).containsExactly("esms:retry", "esms:retry", "esms:accepted");
  }

  @Test
  void an_invalid_number_fails_at_once_with_the_providers_reason() {
    f.control(new JsonObject().put("provider", "twilio").put("failNext", new JsonArray().add("21211")));
    f.deploy(f.worker("twilio", DeliveryFixture.FAST));

    long notice = f.otp(PHONE, "482913");
    JsonObject attempt = f.awaitAttempt(notice, "failed");

    assertThat(attempt.getInteger("attempt_count")).isEqualTo(1);
    assertThat(attempt.getString("last_error")).startsWith("Twilio error 21211");
    assertThat(f.outbox(PHONE)).isEmpty();
  }

  @Test
  void a_number_esms_refuses_fails_with_its_code_and_transient_errors_stop_after_the_last_attempt() {
    f.control(new JsonObject().put("provider", "esms").put("failNext", new JsonArray().add("108")));
    f.deploy(f.worker("esms", DeliveryFixture.FAST));

    long refused = f.otp(PHONE, "1");
    assertThat(f.awaitAttempt(refused, "failed").getString("last_error")).startsWith("eSMS CodeResult 108");

    f.control(new JsonObject().put("provider", "esms").put("errorRates", new JsonObject().put("502", 1.0)));
    long down = f.otp("+84912345679", "2");
    JsonObject attempt = f.awaitAttempt(down, "failed");
    assertThat(attempt.getInteger("attempt_count")).isEqualTo(DeliveryFixture.FAST.maxAttempts());
    assertThat(attempt.getString("last_error")).isEqualTo("gave up after 5 attempts: eSMS HTTP 502");
  }

  @Test
  void a_429_is_retried_no_sooner_than_retry_after_says() {
    f.control(new JsonObject().put("provider", "esms").put("failNext", new JsonArray().add("429")));
    f.deploy(f.worker("esms", DeliveryFixture.FAST));

    Instant sent = Instant.now();
    long notice = f.otp(PHONE, "482913");
    f.awaitAttempt(notice, "accepted");

    Instant arrived = f.outbox(PHONE).get(0).time();
    assertThat(Duration.between(sent, arrived)).as("Retry-After: 1, backoff alone would be 50 ms")
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void two_workers_keep_together_under_the_providers_quota_by_sharing_one_bucket() {
    f.control(new JsonObject().put("provider", "esms").put("quotaPerSecond", 5));
    DeliveryOptions fourPerSecond = new DeliveryOptions(20, Duration.ofSeconds(30), Duration.ofMillis(200), 5,
        Duration.ofMillis(50), Duration.ofSeconds(2), 4);
    f.deploy(f.worker("esms", fourPerSecond));
    f.deploy(f.worker("esms", fourPerSecond));

    for (int i = 0; i < 12; i++) {
      f.otp(String.format("+849%08d", i), Integer.toString(i));
    }
    DeliveryFixture.awaitTrue("12 accepted", Duration.ofSeconds(20),
        () -> f.count("SELECT count(*) FROM delivery.attempt WHERE state = 'accepted'") == 12);

    assertThat(f.sandbox.outbox().total()).isEqualTo(12);
    JsonObject state = f.http.getAbs(f.sandbox.url() + "/sandbox/control").send().await().bodyAsJsonObject();
    assertThat(state.getJsonObject("esms").getLong("throttled")).as("429s caused by us").isZero();
  }

  @Test
  void an_esms_send_interrupted_by_a_crash_is_sent_again_with_the_same_request_id_and_arrives_once() {
    long notice = f.otp(PHONE, "482913");
    long attemptId = f.attempt(notice).getLong("id");
    // The crashed worker had reached eSMS with this RequestId, then died before recording the answer.
    JsonObject firstCall = new JsonObject().put("ApiKey", SandboxAccounts.DEMO.esmsApiKey())
        .put("SecretKey", SandboxAccounts.DEMO.esmsSecretKey()).put("Phone", "0912345678").put("Content", UNACCENTED_OTP)
        .put("Brandname", SandboxAccounts.DEMO.esmsBrandname()).put("SmsType", "2").put("IsUnicode", "0")
        .put("Sandbox", "0").put("RequestId", Long.toString(attemptId));
    assertThat(f.http.postAbs(f.sandbox.url() + "/MainService.svc/json/SendMultipleMessage_V4_post_json/")
        .sendJsonObject(firstCall).await().bodyAsJsonObject().getString("CodeResult")).isEqualTo("100");
    f.execute("UPDATE delivery.attempt SET state = 'sending', provider = 'esms', attempt_count = 1, claimed_by = 'dead',"
        + " lease_until = now() - interval '1 second' WHERE id = $1", attemptId);

    f.deploy(f.worker("esms", DeliveryFixture.FAST));
    JsonObject attempt = f.awaitAttempt(notice, "accepted");

    assertThat(attempt.getInteger("attempt_count")).isEqualTo(2);
    assertThat(f.outbox(PHONE)).as("eSMS deduplicated the RequestId").hasSize(1);
  }

  @Test
  void a_twilio_send_left_in_flight_by_a_dead_worker_becomes_unknown_and_is_never_sent_again() {
    long notice = f.otp(PHONE, "482913");
    f.execute("UPDATE delivery.attempt SET state = 'sending', provider = 'twilio', attempt_count = 1, claimed_by = 'dead',"
        + " lease_until = now() - interval '1 second' WHERE notice_id = $1", notice);

    f.deploy(f.worker("twilio", DeliveryFixture.FAST));
    JsonObject attempt = f.awaitAttempt(notice, "unknown");

    assertThat(attempt.getString("last_error")).contains("no idempotency key");
    // The outcome is reported once the state change has committed, so it may trail the row by a moment.
    DeliveryFixture.awaitTrue("unknown reported", Duration.ofSeconds(5), () -> !f.reported.isEmpty());
    assertThat(f.reported).as("reported for a person to resolve").containsExactly("twilio:unknown");
    assertThat(attempt.getInteger("attempt_count")).isEqualTo(1);
    try {
      Thread.sleep(500); // several worker cycles
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(f.attempt(notice).getString("state")).isEqualTo("unknown");
    assertThat(f.outbox(PHONE)).isEmpty();
  }

  @Test
  void two_workers_share_the_queue_and_never_send_the_same_attempt() {
    f.control(new JsonObject().put("provider", "esms").put("latencyMs", 10));
    DeliveryOptions smallBatches = new DeliveryOptions(5, Duration.ofSeconds(30), Duration.ofMillis(200), 5,
        Duration.ofMillis(50), Duration.ofSeconds(2), 10_000);
    f.deploy(f.worker("esms", smallBatches));
    f.deploy(f.worker("esms", smallBatches));

    int notices = 150;
    for (int i = 0; i < notices; i++) {
      f.otp(String.format("+849%08d", i), Integer.toString(100_000 + i));
    }
    DeliveryFixture.awaitTrue("all accepted", Duration.ofSeconds(30),
        () -> f.count("SELECT count(*) FROM delivery.attempt WHERE state = 'accepted'") == notices);

    assertThat(f.sandbox.outbox().total()).isEqualTo(notices);
    for (int i = 0; i < notices; i++) {
      assertThat(f.outbox(String.format("+849%08d", i))).hasSize(1);
    }
    assertThat(f.count("SELECT count(DISTINCT claimed_by) FROM delivery.attempt")).as("both workers took part").isEqualTo(2);
    assertThat(f.count("SELECT max(attempt_count) FROM delivery.attempt")).isEqualTo(1);
  }
}
