package vn.lienlac.infra.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Đo hiệu năng / benchmarks that print one JSON line of measured numbers.",
        "Each scenario prints what it measured on this machine on stdout, progress on stderr. Every scenario accepts --scale F (e.g. 0.1) to shrink its sizes.",
        "They use the PostgreSQL server of LIENLAC_PG_URL when set (creating and dropping their own",
        "databases on it), otherwise an embedded one under <project>/var/bench."},
    subcommands = {DistrictSyncBench.class, ReconBench.class, ApiBench.class, BroadcastBench.class, DeliveryBench.class,
        SyncWorkerProcess.class, ApiLoadProcess.class, DeliveryBenchWorker.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
