package vn.lienlac.delivery.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  final AtomicLong now = new AtomicLong();
  final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

  @Test
  void it_opens_after_consecutive_failures_and_lets_one_probe_through_after_the_cooldown() {
    breaker.failed();
    breaker.failed();
    assertThat(breaker.allow()).isTrue();
    breaker.failed();
    assertThat(breaker.allow()).isFalse();
    assertThat(breaker.remainingCooldown()).isEqualTo(Duration.ofSeconds(10));
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(breaker.allow()).as("the probe").isTrue();
    assertThat(breaker.allow()).as("a second call while probing").isFalse();
    breaker.succeeded();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.allow()).isTrue();
  }

  @Test
  void a_failed_probe_opens_it_again_for_a_whole_cooldown() {
    for (int i = 0; i < 3; i++) {
      breaker.failed();
    }
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(breaker.allow()).isTrue();
    breaker.failed();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(breaker.allow()).isFalse();
  }

  @Test
  void a_probe_whose_answer_never_comes_is_replaced_after_a_cooldown() {
    for (int i = 0; i < 3; i++) {
      breaker.failed();
    }
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(breaker.allow()).as("the probe, then lost: not sent, or its result never observed").isTrue();
    assertThat(breaker.remainingCooldown()).as("held attempts look again soon").isEqualTo(Duration.ofSeconds(1));
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(breaker.allow()).as("still waiting for the probe").isFalse();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(breaker.allow()).as("a new probe").isTrue();
    assertThat(breaker.allow()).isFalse();
    breaker.succeeded();
    assertThat(breaker.allow()).isTrue();
  }

  @Test
  void a_success_between_failures_resets_the_count() {
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    assertThat(breaker.allow()).isTrue();
  }
}
