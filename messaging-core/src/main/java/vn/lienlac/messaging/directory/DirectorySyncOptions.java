package vn.lienlac.messaging.directory;

import java.time.Duration;

/**
 * @param pageSize rows read from the district database and written to ours per transaction
 * @param fullPassEvery how often a full pass re-reads everything to find rows deleted upstream
 * @param parallelTables how many tables are copied at once (each uses one connection to each database)
 */
public record DirectorySyncOptions(int pageSize, Duration fullPassEvery, int parallelTables) {

  public static final DirectorySyncOptions DEFAULTS = new DirectorySyncOptions(5_000, Duration.ofHours(24), 3);

  public DirectorySyncOptions {
    if (parallelTables < 1 || parallelTables > 7) {
      throw new IllegalArgumentException("directory sync parallel tables must be 1..7, got " + parallelTables);
    }
    if (pageSize < 1 || pageSize > 50_000) {
      throw new IllegalArgumentException("directory sync page size must be 1..50000, got " + pageSize);
    }
    if (fullPassEvery.isNegative() || fullPassEvery.isZero()) {
      throw new IllegalArgumentException("directory full-pass interval must be positive");
    }
  }
}
