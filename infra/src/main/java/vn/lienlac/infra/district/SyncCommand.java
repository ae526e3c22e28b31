package vn.lienlac.infra.district;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.messaging.directory.DirectorySync;
import vn.lienlac.messaging.directory.SyncMode;
import vn.lienlac.messaging.directory.SyncSummary;
import vn.lienlac.messaging.directory.TableSummary;

@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Đồng bộ danh bạ / copies the district database into our directory schema.",
        "The first run copies everything; later runs copy what changed since the stored position, and",
        "a full pass (every LIENLAC_DISTRICT_FULL_PASS_EVERY, or --full) finds rows deleted upstream.",
        "Restartable: interrupted, it resumes after the last committed page. Bad rows are skipped with",
        "their reason (see `district report`). Needs LIENLAC_PG_URL and LIENLAC_DISTRICT_PG_URL.",
        "Exit codes: 0 done, 2 bad settings or pending migrations, 3 another sync is running."})
public final class SyncCommand implements Callable<Integer> {

  @Mixin
  DatabaseOptions databases;

  @Option(names = "--full", description = "Re-read every row now and mark rows deleted upstream.")
  boolean full;

  @Option(names = "--page-size", description = "Rows per transaction (default: LIENLAC_DISTRICT_PAGE_SIZE).")
  Integer pageSize;

  @Option(names = "--json", description = "Print the summary as one JSON line on stdout (with peak heap).")
  boolean json;

  @Override
  public Integer call() {
    vn.lienlac.infra.bench.HeapUse.start();
    LienlacConfig config = databases.apply(LienlacConfig.load());
    SyncSummary summary;
    SyncProgressPrinter printer = new SyncProgressPrinter(System.err);
    try {
      summary = DirectorySyncRunner.run(config, full ? SyncMode.FULL : SyncMode.AUTO, pageSize, printer);
    } catch (DirectorySync.AlreadyRunning e) {
      System.err.println("lienlac district sync: " + e.getMessage());
      return 3;
    }
    printer.finished(summary);
    if (json) {
      printJson(summary);
    }
    return 0;
  }

  private static void printJson(SyncSummary s) {
    System.out.printf(java.util.Locale.ROOT, "{\"outcome\":\"%s\",\"seconds\":%.3f,\"read\":%d,\"inserted\":%d,"
            + "\"updated\":%d,\"rejected\":%d,\"removed\":%d,\"peak_heap_mib\":%d}%n",
        s.outcome().name().toLowerCase(), s.seconds(), s.total(TableSummary::read), s.total(TableSummary::inserted),
        s.total(TableSummary::updated), s.total(TableSummary::rejected), s.total(TableSummary::removed),
        vn.lienlac.infra.bench.HeapUse.peakMib());
  }
}
