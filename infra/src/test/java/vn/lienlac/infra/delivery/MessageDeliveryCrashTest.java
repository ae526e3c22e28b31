package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.support.testing.TestServices;

/** A workers process delivering a message, killed with SIGKILL mid-batch, loses no recipient. */
class MessageDeliveryCrashTest {

  static final int GUARDIANS = 30;

  MessageFixture m;

  @BeforeEach
  void start() {
    m = new MessageFixture("message_delivery_crash");
  }

  @AfterEach
  void stop() {
    m.close();
  }

  @Test
  void a_workers_process_killed_mid_batch_loses_nothing_and_every_recipient_ends_delivered_once() throws Exception {
    m.guardians(1, GUARDIANS, 1);
    m.f.control(new JsonObject().put("provider", "fcm").put("latencyMs", 800));
    long message = m.message("normal", false, 1, GUARDIANS);
    Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), "vn.lienlac.infra.launcher.Main", "bench", "delivery-worker",
        "--pg-url", m.f.url.uri(), "--redis-url", TestServices.redis(), "--sandbox-url", m.f.sandbox.url(),
        "--bucket-prefix", m.f.bucketPrefix, "--batch", "10", "--instances", "1", "--lease", "PT3S")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      DeliveryFixture.awaitTrue("the child's first pushes", Duration.ofSeconds(90),
          () -> m.f.sandbox.outbox().total() > 0 || !child.isAlive());
      assertThat(child.isAlive()).isTrue();
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(m.f.count("SELECT count(*) FROM delivery.attempt WHERE state IN ('claimed', 'sending')"))
        .as("claims the dead process still holds").isPositive();

    m.f.control(new JsonObject().put("provider", "fcm").put("latencyMs", 0));
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofMinutes(10), false));
    m.awaitStatus(message, "done", Duration.ofSeconds(60));

    assertThat(m.sum(message, "delivered")).isEqualTo(GUARDIANS);
    assertThat(m.f.count("SELECT count(*) FROM delivery.attempt WHERE recipient_message_id = " + message))
        .as("one push attempt per recipient, never a second").isEqualTo(GUARDIANS);
    assertThat(m.f.count("SELECT count(*) FROM delivery.attempt WHERE state <> 'accepted'")).isZero();
    for (int g = 1; g <= GUARDIANS; g++) {
      assertThat(m.f.sandbox.outbox().to("tok-" + g + "-0")).as("pushes to guardian " + g)
          .hasSizeBetween(1, 2); // a push in flight at the kill is sent again: same collapse key, one notification
    }
  }
}
