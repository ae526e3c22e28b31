package vn.lienlac.delivery.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10));

  @Test
  void delays_double_from_the_first_up_to_the_cap() {
    assertThat(backoff.delay(1, null, 0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(2, null, 0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delay(5, null, 0)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.delay(40, null, 0)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void jitter_adds_at_most_a_fifth() {
    assertThat(backoff.delay(2, null, 0.999)).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4_800));
  }

  @Test
  void the_providers_retry_after_is_a_floor() {
    assertThat(backoff.delay(1, Duration.ofSeconds(30), 0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(6, Duration.ofSeconds(1), 0)).isEqualTo(Duration.ofSeconds(64));
  }
}
