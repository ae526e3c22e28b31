package vn.lienlac.messaging.directory;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import vn.lienlac.messaging.directory.impl.DirectorySyncImpl;

/**
 * Copies the district database into our {@code directory} schema: everything on the first run, then
 * only what changed since a stored position, with a periodic full pass that finds rows deleted
 * upstream. Idempotent and restartable: a run killed at any point and started again ends in the same
 * state as an uninterrupted one. Only one sync runs at a time across all processes.
 */
public interface DirectorySync {

  static DirectorySync create(Pool district, Pool ours, DirectorySyncOptions options) {
    return new DirectorySyncImpl(district, ours, options);
  }

  Future<SyncSummary> run(SyncMode mode, SyncProgress progress);

  /** Asks a running sync to stop after the page it is writing; its future then completes as STOPPED. */
  void requestStop();

  /** Failure of {@link #run} when another process holds the sync lock. */
  final class AlreadyRunning extends RuntimeException {
    public AlreadyRunning() {
      super("Một tiến trình khác đang đồng bộ danh bạ / another directory sync is already running");
    }
  }
}
