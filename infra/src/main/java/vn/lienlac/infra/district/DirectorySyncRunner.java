package vn.lienlac.infra.district;

import io.vertx.core.Vertx;
import java.util.List;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.infra.runtime.Connections;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.messaging.directory.DirectorySync;
import vn.lienlac.messaging.directory.DirectorySyncOptions;
import vn.lienlac.messaging.directory.SyncMode;
import vn.lienlac.messaging.directory.SyncProgress;
import vn.lienlac.messaging.directory.SyncSummary;

/** One directory sync run from the command line (or the demo's first start), blocking until done. */
public final class DirectorySyncRunner {

  private DirectorySyncRunner() {}

  /** @throws DirectorySync.AlreadyRunning when another process holds the sync lock */
  public static SyncSummary run(LienlacConfig config, SyncMode mode, Integer pageSize, SyncProgress progress) {
    config.require(List.of(Setting.PG_URL, Setting.DISTRICT_PG_URL));
    List<String> pending = ModuleMigrations.of(Connections.oursUrl(config)).pending();
    if (!pending.isEmpty()) {
      throw new UserFacingException("our database has pending migrations " + pending + "; run ./lienlac migrate first");
    }
    DirectorySyncOptions options = new DirectorySyncOptions(
        pageSize != null ? pageSize : config.integer(Setting.DISTRICT_PAGE_SIZE),
        config.duration(Setting.DISTRICT_FULL_PASS_EVERY), config.integer(Setting.DISTRICT_PARALLEL_TABLES));
    Vertx vertx = Connections.commandVertx();
    try {
      DirectorySync sync = DirectorySync.create(Connections.district(vertx, config), Connections.ours(vertx, config),
          options);
      // Ctrl-C during a long first copy: let the page being written commit, then stop; a rerun resumes.
      java.util.concurrent.atomic.AtomicReference<io.vertx.core.Future<SyncSummary>> running =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread stopOnSignal = new Thread(() -> {
        sync.requestStop();
        io.vertx.core.Future<SyncSummary> current = running.get();
        if (current != null) {
          try {
            current.await(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (Exception ignored) {
            // stopping anyway; what was committed stays committed
          }
        }
      }, "directory-sync-stop");
      Runtime.getRuntime().addShutdownHook(stopOnSignal);
      try {
        running.set(sync.run(mode, progress));
        return running.get().await();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already stopping; the hook does its work
        }
      }
    } finally {
      vertx.close().await();
    }
  }
}
