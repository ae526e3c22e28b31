package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.DeliveryOptions;
import vn.lienlac.infra.support.testing.TestServices;

/** A workers process killed with SIGKILL in the middle of a batch loses nothing and doubles nothing. */
class DeliveryCrashTest {

  static final int NOTICES = 40;

  DeliveryFixture f;

  @BeforeEach
  void start() {
    f = new DeliveryFixture("delivery_crash");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void a_worker_killed_mid_batch_loses_its_claims_only_until_the_lease_ends_and_every_notice_arrives_once()
      throws Exception {
    f.control(new JsonObject().put("provider", "esms").put("latencyMs", 600));
    for (int i = 0; i < NOTICES; i++) {
      f.otp(phone(i), Integer.toString(200_000 + i));
    }
    Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), DeliveryWorkerProcess.class.getName(),
        f.url.uri(), TestServices.redis(), f.sandbox.url(), f.bucketPrefix, "PT3S")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      DeliveryFixture.awaitTrue("the child worker's first sends to reach the provider", Duration.ofSeconds(60),
          () -> f.sandbox.outbox().total() > 0 || !child.isAlive());
      assertThat(child.isAlive()).as("the child worker runs").isTrue();
    } finally {
      child.destroyForcibly(); // SIGKILL: no undeploy, no answers recorded
      child.waitFor();
    }
    long held = f.count("SELECT count(*) FROM delivery.attempt WHERE state IN ('claimed', 'sending')");
    assertThat(held).as("claims the dead worker still holds").isPositive();
    assertThat(f.count("SELECT count(*) FROM delivery.attempt WHERE state = 'accepted'")).isLessThan(NOTICES);

    f.control(new JsonObject().put("provider", "esms").put("latencyMs", 0));
    f.deploy(f.worker("esms", new DeliveryOptions(20, Duration.ofSeconds(30), Duration.ofMillis(200), 5,
        Duration.ofMillis(50), Duration.ofSeconds(2), 1_000)));
    DeliveryFixture.awaitTrue("every notice accepted", Duration.ofSeconds(30),
        () -> f.count("SELECT count(*) FROM delivery.attempt WHERE state = 'accepted'") == NOTICES);

    for (int i = 0; i < NOTICES; i++) {
      assertThat(f.outbox(phone(i))).as("messages to " + phone(i)).hasSize(1);
    }
    assertThat(f.sandbox.outbox().total()).isEqualTo(NOTICES);
    assertThat(f.count("SELECT count(*) FROM delivery.attempt WHERE attempt_count = 2")).as("sent again, deduplicated")
        .isPositive();
  }

  private static String phone(int i) {
    return String.format("+849%08d", i);
  }
}
