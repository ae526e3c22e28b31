package vn.lienlac.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentiles_are_exact_ranks_in_milliseconds() {
    Latencies latencies = new Latencies();
    for (int i = 1; i <= 1_000; i++) {
      latencies.record(i * 1_000L); // 1 ms … 1000 ms, recorded in microseconds
    }
    assertThat(latencies.percentileMillis(50)).isEqualTo(500.0);
    assertThat(latencies.percentileMillis(99)).isEqualTo(990.0);
    assertThat(latencies.percentileMillis(100)).isEqualTo(1000.0);
    assertThat(latencies.count()).isEqualTo(1_000);
  }

  @Test
  void one_slow_sample_in_a_hundred_is_the_p99() {
    Latencies latencies = new Latencies();
    for (int i = 0; i < 99; i++) {
      latencies.record(1_000);
    }
    latencies.record(250_000);
    assertThat(latencies.percentileMillis(99)).isEqualTo(1.0);
    assertThat(latencies.percentileMillis(99.5)).isEqualTo(250.0);
  }

  @Test
  void no_samples_no_percentile() {
    assertThat(new Latencies().percentileMillis(99)).isNull();
  }
}
