package vn.lienlac.messaging.expansion;

import java.time.Duration;

/**
 * How the workers expand announcements into recipient rows.
 *
 * @param chunkSize guardians per transaction (recipient rows, counts and the resume position commit together)
 * @param lease how long a claimed message stays with its worker without progress; a dead worker's
 *     claim expires after it and another worker resumes from the last committed chunk
 * @param pollInterval how often scheduled messages are looked for (new ones wake the workers by NOTIFY)
 * @param lanes messages one process expands at the same time (a class message does not wait behind a
 *     district-wide one)
 */
public record ExpansionOptions(int chunkSize, Duration lease, Duration pollInterval, int lanes) {

  public static final ExpansionOptions DEFAULTS = new ExpansionOptions(20_000, Duration.ofSeconds(60),
      Duration.ofSeconds(1), 4);

  public ExpansionOptions {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("the expansion chunk size must be at least 1, got " + chunkSize);
    }
    if (lease.toMillis() < 1 || pollInterval.toMillis() < 1) {
      throw new IllegalArgumentException("the expansion lease and poll interval must be positive");
    }
    if (lanes < 1) {
      throw new IllegalArgumentException("the expansion needs at least one lane, got " + lanes);
    }
  }

  public ExpansionOptions withChunkSize(int size) {
    return new ExpansionOptions(size, lease, pollInterval, lanes);
  }

  public ExpansionOptions withLease(Duration d) {
    return new ExpansionOptions(chunkSize, d, pollInterval, lanes);
  }
}
