package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's follow-up sweep reads only attempts that changed since it last looked
 * (delivery.attempt.swept_as, migration step_sweep), never the delivered backlog, and does not read a
 * recipient whose plan has no further step again until one of its attempts fails.
 */
class SweepReadsWhatChangedTest {

  /** What the sweep's two index scans find for a message: the rows it would read next round. */
  private static final String DUE = """
      SELECT count(*) FROM delivery.attempt a
      WHERE a.recipient_message_id = %d
        AND (((a.state IN ('failed', 'unknown') AND a.swept_as IS DISTINCT FROM a.state)
              OR (a.held_by_breaker AND a.swept_as IS NULL))
             OR (a.swept_as IS NULL AND a.state NOT IN ('accepted', 'delivered')
                 AND a.created_at < now() - interval '2 seconds'))""";

  MessageFixture m;

  @BeforeEach
  void start() {
    m = new MessageFixture("sweep_reads_what_changed");
  }

  @AfterEach
  void stop() {
    m.close();
  }

  @Test
  void a_sweep_over_many_delivered_recipients_and_a_few_failed_ones_reads_only_the_failed_ones() {
    m.guardians(1, 40, 1);
    m.f.execute("UPDATE api.device SET push_token = 'dead-' || guardian_id WHERE guardian_id IN (39, 40)");
    long message = m.message("normal", false, 1, 40);
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofMinutes(10), false));

    m.awaitStatus(message, "done", Duration.ofSeconds(30));

    assertThat(m.sum(message, "delivered")).isEqualTo(38);
    assertThat(m.sum(message, "unreachable")).isEqualTo(2);
    assertThat(m.f.count("SELECT count(*) FROM delivery.attempt WHERE recipient_message_id = " + message
        + " AND state = 'accepted' AND swept_as IS NOT NULL")).as("no delivered recipient was read by the sweep").isZero();
    assertThat(m.f.count("SELECT count(*) FROM delivery.attempt WHERE recipient_message_id = " + message
        + " AND recipient_guardian_id IN (39, 40) AND swept_as = 'failed'"))
        .as("the failed push and the failed ZNS of the two unreachable guardians, each seen once").isEqualTo(4);
    assertThat(m.f.count(DUE.formatted(message))).isZero();
    assertThat(m.f.count("""
        SELECT count(*) FROM pg_indexes WHERE schemaname = 'delivery'
          AND indexname IN ('attempt_step_failed', 'attempt_step_due')""")).isEqualTo(2);
  }

  @Test
  void a_recipient_whose_plan_has_no_further_step_is_not_read_again_until_something_changes() throws InterruptedException {
    m.guardians(1, 1, 1);
    m.f.execute("INSERT INTO delivery.guardian_preference (guardian_id, channels) VALUES (1, ARRAY['push'])");
    m.f.control(new JsonObject().put("provider", "fcm").put("outage", new JsonObject().put("seconds", 60)));
    long message = m.message("normal", false, 1, 1);
    m.f.deploy(m.worker());
    m.f.deploy(m.dispatcher(Duration.ofSeconds(2), false));

    DeliveryFixture.awaitTrue("the sweep to see the push over its fallback delay", Duration.ofSeconds(20),
        () -> m.f.count("SELECT count(*) FROM delivery.attempt WHERE recipient_message_id = " + message
            + " AND swept_as = 'open'") == 1);
    Thread.sleep(3000);

    assertThat(m.f.count(DUE.formatted(message))).as("nothing due for the next sweeps").isZero();
    assertThat(m.recipient(message, 1).getString("delivery_state")).isEqualTo("sending");
    assertThat(m.attempts(message, 1)).extracting(a -> a.getString("channel")).containsExactly("push");
    assertThat(m.attempts(message, 1).get(0).getString("state")).as("push keeps retrying").isNotIn("failed", "accepted");
  }
}
