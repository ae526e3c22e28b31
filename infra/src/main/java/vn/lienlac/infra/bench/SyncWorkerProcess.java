package vn.lienlac.infra.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.district.SyncProgressPrinter;
import vn.lienlac.infra.runtime.Connections;
import vn.lienlac.messaging.directory.DirectorySync;
import vn.lienlac.messaging.directory.DirectorySyncOptions;
import vn.lienlac.messaging.directory.SyncMode;
import vn.lienlac.messaging.directory.SyncSummary;
import vn.lienlac.messaging.directory.TableSummary;

/**
 * The benchmark's stand-in for a workers process: one long-lived JVM with its pools that runs a
 * directory sync each time the parent writes "sync" on its stdin, answering with one JSON line.
 * Like the periodic sync of the workers role, later runs find the JIT and connections warm.
 */
@Command(name = "district-sync-worker", hidden = true)
public final class SyncWorkerProcess implements Callable<Integer> {

  @Option(names = "--pg-url", required = true)
  String pgUrl;

  @Option(names = "--district-url", required = true)
  String districtUrl;

  @Override
  public Integer call() throws Exception {
    vn.lienlac.infra.bench.HeapUse.start();
    LienlacConfig config = LienlacConfig.from(Map.of(), Map.of(), "none")
        .with(Setting.PG_URL, pgUrl, "--pg-url").with(Setting.DISTRICT_PG_URL, districtUrl, "--district-url");
    Vertx vertx = Connections.commandVertx();
    try {
      DirectorySync sync = DirectorySync.create(Connections.district(vertx, config), Connections.ours(vertx, config),
          new DirectorySyncOptions(config.integer(Setting.DISTRICT_PAGE_SIZE),
              config.duration(Setting.DISTRICT_FULL_PASS_EVERY), config.integer(Setting.DISTRICT_PARALLEL_TABLES)));
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String command; (command = commands.readLine()) != null; ) {
        if (!command.equals("sync")) {
          continue;
        }
        SyncProgressPrinter printer = new SyncProgressPrinter(System.err);
        SyncSummary summary = sync.run(SyncMode.AUTO, printer).await();
        printer.finished(summary);
        System.out.println(new JsonObject()
            .put("seconds", summary.seconds())
            .put("read", summary.total(TableSummary::read))
            .put("peak_heap_mib", HeapUse.peakMib())
            .encode());
        System.out.flush();
      }
      return 0;
    } finally {
      vertx.close().await();
    }
  }
}
