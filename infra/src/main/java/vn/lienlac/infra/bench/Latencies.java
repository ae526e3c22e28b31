package vn.lienlac.infra.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latencies in microseconds, kept whole (a run records at most a few hundred thousand) so that
 * percentiles are exact rather than bucketed. Recorded from one event-loop thread at a time.
 */
final class Latencies {

  private long[] micros = new long[1024];
  private int count;

  synchronized void record(long latencyMicros) {
    if (count == micros.length) {
      micros = Arrays.copyOf(micros, count * 2);
    }
    micros[count++] = Math.max(0, latencyMicros);
  }

  synchronized int count() {
    return count;
  }

  /** The p-th percentile (0 < p ≤ 100) in milliseconds with two decimals, or null with no samples. */
  synchronized Double percentileMillis(double p) {
    if (count == 0) {
      return null;
    }
    long[] sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * count) - 1;
    return round(sorted[Math.max(0, Math.min(count - 1, index))] / 1000.0);
  }

  synchronized String summary() {
    if (count == 0) {
      return "no samples";
    }
    return String.format(Locale.ROOT, "n=%d p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f ms", count,
        percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9), percentileMillis(100));
  }

  static double round(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
