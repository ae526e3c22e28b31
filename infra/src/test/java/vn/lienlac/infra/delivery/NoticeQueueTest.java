package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.DeliverySchema;
import vn.lienlac.messaging.notice.Notice;

/** Storing a notice queues its delivery in the same transaction and wakes the workers (no worker runs here). */
class NoticeQueueTest {

  DeliveryFixture f;

  @BeforeEach
  void start() {
    f = new DeliveryFixture("notice_queue");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void a_stored_notice_has_one_pending_sms_attempt_and_sign_in_codes_go_first() {
    long otp = f.otp("+84912345678", "123456");
    long reminder = f.notices.send(new Notice("+84912345678", 3L, "invoice_reminder", Map.of("fee", "Học phí",
        "student", "An", "amount", "1.500.000", "due", "30/11", "reference", "LL7K2P",
        "payLink", "https://lienlac.example/pay/LL7K2P"), "vi", null)).await();

    JsonObject first = f.attempt(otp);
    assertThat(first.getString("state")).isEqualTo("pending");
    assertThat(first.getString("channel")).isEqualTo("sms");
    assertThat(first.getInteger("attempt_count")).isZero();
    assertThat(first.getInteger("priority")).isZero();
    assertThat(f.attempt(reminder).getInteger("priority")).isEqualTo(1);
  }

  @Test
  void a_repeated_dedup_key_queues_nothing_more_and_refused_input_queues_nothing() {
    Notice notice = new Notice("+84912345678", null, "otp", Map.of("code", "1", "minutes", "5"), "vi", "otp:x");
    long id = f.notices.send(notice).await();
    assertThat(f.notices.send(notice).await()).isEqualTo(id);
    assertThat(f.notices.send(new Notice("+84912345678", null, "otp", Map.of("code", "1"), "vi", "otp:y")).failed()).isTrue();

    assertThat(f.count("SELECT count(*) FROM delivery.attempt")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM messaging.notice")).isEqualTo(1);
  }

  @Test
  void storing_a_notice_notifies_the_workers_channel() {
    AtomicInteger woken = new AtomicInteger();
    PgSubscriber subscriber = PgSubscriber.subscriber(f.vertx, PgConnectOptions.fromUri(f.url.uri()));
    subscriber.channel(DeliverySchema.WAKE_CHANNEL).handler(payload -> woken.incrementAndGet());
    subscriber.connect().await();
    try {
      f.otp("+84912345678", "123456");
      DeliveryFixture.awaitTrue("NOTIFY delivery_due", Duration.ofSeconds(5), () -> woken.get() == 1);
    } finally {
      subscriber.close().await();
    }
  }
}
