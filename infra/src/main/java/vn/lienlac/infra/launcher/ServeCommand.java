package vn.lienlac.infra.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.runtime.LienlacRuntime;
import vn.lienlac.infra.runtime.WorkerJobs;
import vn.lienlac.infra.runtime.Role;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Chạy ở chế độ production / runs in production mode.",
        "Settings from environment variables and lienlac.yaml (see `./lienlac config`); nothing embedded.",
        "Refuses to start, naming the setting, when one it needs is missing. Migrations are applied",
        "separately with `./lienlac migrate`; until they are, /health/ready answers 503.",
        "SIGTERM: stop accepting work, finish in-flight requests and batches, then exit."})
public final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--role", defaultValue = "all", paramLabel = "api|workers|all",
      description = "Which verticles this process runs: api (HTTP), workers (sync, delivery…) or all. Default: ${DEFAULT-VALUE}.")
  Role role;

  @Override
  public Integer call() throws InterruptedException {
    LienlacConfig config = LienlacConfig.load();
    List<Setting> required = new ArrayList<>(List.of(Setting.PG_URL, Setting.REDIS_URL));
    if (role.runsApi()) {
      required.add(Setting.JWT_SIGNING_KEY);
    }
    if (role.runsWorkers()) {
      WorkerJobs jobs = LienlacRuntime.workerJobs(config);
      if (jobs.runs(WorkerJobs.Job.DIRECTORY_SYNC)) {
        required.add(Setting.DISTRICT_PG_URL);
      }
      if (jobs.runs(WorkerJobs.Job.DELIVERY)) {
        required.addAll(vn.lienlac.infra.delivery.DeliveryWiring.requiredSettings(config));
      }
    }
    config.require(required);
    LienlacRuntime runtime = LienlacRuntime.start(config, role);
    awaitShutdown(runtime::close);
    return 0;
  }

  /** Blocks until SIGTERM/SIGINT, then runs the given stop action inside the JVM's shutdown. */
  public static void awaitShutdown(Runnable stop) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stop.run();
      } catch (RuntimeException e) {
        LOG.error("error while stopping", e);
      } finally {
        stopped.countDown();
      }
    }, "lienlac-shutdown"));
    stopped.await();
  }
}
