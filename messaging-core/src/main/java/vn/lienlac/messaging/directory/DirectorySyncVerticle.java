package vn.lienlac.messaging.directory;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic directory sync of the {@code workers} role. Any number of workers may run it; the
 * advisory lock lets one copy at a time and the others skip their turn. On undeploy it asks a running
 * sync to stop after its current page and waits for that page to commit.
 */
public final class DirectorySyncVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DirectorySyncVerticle.class);

  private final DirectorySync sync;
  private final Duration interval;
  private final SyncProgress progress;
  private long timer = -1;
  private Future<SyncSummary> running;

  public DirectorySyncVerticle(DirectorySync sync, Duration interval, SyncProgress progress) {
    this.sync = sync;
    this.interval = interval;
    this.progress = progress;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(Duration.ofSeconds(2).toMillis(), interval.toMillis(), id -> runOnce());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    if (running == null || running.isComplete()) {
      return Future.succeededFuture();
    }
    LOG.info("directory sync: stopping after the page being written");
    sync.requestStop();
    return running.otherwiseEmpty();
  }

  private void runOnce() {
    if (running != null && !running.isComplete()) {
      return;
    }
    running = sync.run(SyncMode.AUTO, progress)
        .onSuccess(summary -> LOG.info("directory sync {}: {} rows read, {} inserted, {} updated, {} rejected,"
                + " {} removed in {} s", summary.outcome().name().toLowerCase(), summary.total(TableSummary::read),
            summary.total(TableSummary::inserted), summary.total(TableSummary::updated),
            summary.total(TableSummary::rejected), summary.total(TableSummary::removed),
            String.format("%.1f", summary.seconds())))
        .onFailure(failure -> {
          if (failure instanceof DirectorySync.AlreadyRunning) {
            LOG.debug("directory sync: another process is syncing; skipping this turn");
          } else {
            LOG.error("directory sync failed; will retry in {}", interval, failure);
          }
        });
  }
}
