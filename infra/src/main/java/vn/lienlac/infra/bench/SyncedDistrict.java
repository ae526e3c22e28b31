package vn.lienlac.infra.bench;

import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.district.DirectorySyncRunner;
import vn.lienlac.infra.district.SyncProgressPrinter;
import vn.lienlac.infra.runtime.LocalDatabases;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.seed.DistrictSeeder;
import vn.lienlac.infra.seed.SeedOptions;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.messaging.directory.SyncMode;

/**
 * A synthetic district of {@code schools} × 500 students seeded into a district database of its own,
 * our schema migrated beside it and the directory synced, on the benchmark's PostgreSQL and Redis; both
 * databases are dropped afterwards unless kept.
 */
final class SyncedDistrict {

  /** What a benchmark measures once the district is there; returns its exit code. */
  interface Measurement {
    int run(PgUrl ours, PgUrl district, String redisUrl) throws Exception;
  }

  private SyncedDistrict() {}

  static int measure(String oursName, String districtName, int schools, boolean keep, Measurement measurement)
      throws Exception {
    LienlacConfig config = LienlacConfig.load();
    try (BenchServer server = BenchServer.open(config); ApiBench.RedisForBench redis = ApiBench.RedisForBench.open(config)) {
      LocalDatabases.create(server.server(), oursName, true);
      LocalDatabases.create(server.server(), districtName, true);
      PgUrl ours = server.database(oursName);
      PgUrl district = server.database(districtName);
      try {
        seedAndSync(config, ours, district, schools);
        return measurement.run(ours, district, redis.url());
      } finally {
        if (!keep) {
          LocalDatabases.drop(server.server(), oursName);
          LocalDatabases.drop(server.server(), districtName);
        }
      }
    }
  }

  private static void seedAndSync(LienlacConfig config, PgUrl ours, PgUrl district, int schools) {
    System.err.printf("bench: seeding %,d schools × 500 students%n", schools);
    new DistrictSeeder(district, new SeedOptions(schools, 500, 2026, false)).seed(System.err::println);
    ModuleMigrations.of(ours).migrate();
    System.err.println("bench: syncing the directory");
    SyncProgressPrinter printer = new SyncProgressPrinter(System.err);
    printer.finished(DirectorySyncRunner.run(config.with(Setting.PG_URL, ours.uri(), "bench")
        .with(Setting.DISTRICT_PG_URL, district.uri(), "bench"), SyncMode.AUTO, null, printer));
  }
}
