package vn.lienlac.messaging.directory;

import java.time.Duration;

/**
 * @param pageSize rows read from the district database and written to ours per transaction
 * @param fullPassEvery how often a full pass re-reads everything to find rows deleted upstream
 */
public record DirectorySyncOptions(int pageSize, Duration fullPassEvery) {

  public static final DirectorySyncOptions DEFAULTS = new DirectorySyncOptions(5_000, Duration.ofHours(24));

  public DirectorySyncOptions {
    if (pageSize < 1 || pageSize > 50_000) {
      throw new IllegalArgumentException("directory sync page size must be 1..50000, got " + pageSize);
    }
    if (fullPassEvery.isNegative() || fullPassEvery.isZero()) {
      throw new IllegalArgumentException("directory full-pass interval must be positive");
    }
  }
}
