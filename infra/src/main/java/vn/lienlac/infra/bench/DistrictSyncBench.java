package vn.lienlac.infra.bench;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.LocalDatabases;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.seed.DistrictChanges;
import vn.lienlac.infra.seed.DistrictSeeder;
import vn.lienlac.infra.seed.SeedOptions;
import vn.lienlac.infra.support.db.PgUrl;

@Command(name = "district-sync", mixinStandardHelpOptions = true,
    description = {"Seeds a district of 1,000 schools × 500 students (scaled by --scale), then times the",
        "initial sync and an incremental sync after 1% of the rows changed. Both run in one separate JVM",
        "capped at --heap, standing in for a workers process (whose periodic sync finds the JIT warm).",
        "Prints {\"bench\":\"district-sync\",\"students\":…,\"guardians\":…,\"initial_sync_s\":…,",
        "\"incremental_sync_s\":…,\"peak_heap_mib\":…}. Targets: initial ≤ 60 s, incremental ≤ 3 s, heap ≤ 512 MiB."})
public final class DistrictSyncBench implements Callable<Integer> {

  private static final String OURS = "lienlac_bench_sync";
  private static final String DISTRICT = "lienlac_bench_district";

  @Option(names = "--scale", defaultValue = "1.0", description = "Size factor (1.0 = 500,000 students). Default: ${DEFAULT-VALUE}.")
  double scale;

  @Option(names = "--heap", defaultValue = "512m", description = "-Xmx of the sync process. Default: ${DEFAULT-VALUE}.")
  String heap;

  @Option(names = "--keep", description = "Keep the benchmark databases afterwards.")
  boolean keep;

  @Override
  public Integer call() {
    if (scale <= 0 || scale > 10) {
      throw new IllegalArgumentException("--scale must be in (0, 10], got " + scale);
    }
    int schools = Math.max(1, (int) Math.round(1_000 * scale));
    LienlacConfig config = LienlacConfig.load();
    try (BenchServer server = BenchServer.open(config)) {
      LocalDatabases.create(server.server(), OURS, true);
      LocalDatabases.create(server.server(), DISTRICT, true);
      PgUrl ours = server.database(OURS);
      PgUrl district = server.database(DISTRICT);
      try {
        System.err.printf("bench: seeding %,d schools × 500 students%n", schools);
        new DistrictSeeder(district, new SeedOptions(schools, 500, 2026, false)).seed(System.err::println);
        ModuleMigrations.of(ours).migrate();

        JsonObject initial;
        JsonObject incremental;
        try (SyncWorker worker = SyncWorker.start(heap, ours, district)) {
          initial = worker.sync();
          System.err.println("bench: changing 1% of the district's rows");
          System.err.println("bench: " + DistrictChanges.apply(district, 0.01, 2027));
          incremental = worker.sync();
        }

        JsonObject line = new JsonObject()
            .put("bench", "district-sync")
            .put("students", Long.parseLong(LocalDatabases.value(ours, "SELECT count(*) FROM directory.student")))
            .put("guardians", Long.parseLong(LocalDatabases.value(ours, "SELECT count(*) FROM directory.guardian")))
            .put("initial_sync_s", round(initial.getDouble("seconds")))
            .put("incremental_sync_s", round(incremental.getDouble("seconds")))
            .put("peak_heap_mib", Math.max(initial.getLong("peak_heap_mib"), incremental.getLong("peak_heap_mib")));
        System.out.println(line.encode());
        return 0;
      } finally {
        if (!keep) {
          LocalDatabases.drop(server.server(), OURS);
          LocalDatabases.drop(server.server(), DISTRICT);
        }
      }
    }
  }

  private static double round(double seconds) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.2f", seconds));
  }
}
