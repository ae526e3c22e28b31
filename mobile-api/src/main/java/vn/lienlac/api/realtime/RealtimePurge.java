package vn.lienlac.api.realtime;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes realtime events older than the retention, periodically, in batches (one short transaction
 * each, so it never holds many locks or one long snapshot). Only one api process purges at a time: a
 * transaction-scoped advisory lock; the others skip their turn.
 */
public final class RealtimePurge extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RealtimePurge.class);
  static final int BATCH = 5_000;
  /** "lienlac realtime purge", as an advisory lock key. */
  private static final long LOCK_KEY = 0x6c6c_7274_7075_7267L;

  static final String LOCK = "SELECT pg_try_advisory_xact_lock($1)";
  static final String DELETE_BATCH = """
      DELETE FROM api.realtime_event WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM api.realtime_event WHERE at < now() - make_interval(secs => $1) LIMIT $2))""";

  private final Pool pool;
  private final RealtimeOptions options;
  private boolean running;

  public RealtimePurge(Pool pool, RealtimeOptions options) {
    this.pool = pool;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(options.purgeInterval().toMillis(), t -> {
      if (!running) {
        running = true;
        purge().onComplete(r -> {
          running = false;
          if (r.failed()) {
            LOG.warn("realtime purge failed: {}", r.cause().getMessage());
          } else if (r.result() > 0) {
            LOG.info("realtime purge deleted {} events older than {}", r.result(), options.retention());
          }
        });
      }
    });
    return Future.succeededFuture();
  }

  /** Deletes every event older than the retention; the number deleted (0 if another process holds the lock). */
  public Future<Long> purge() {
    return batch().compose(deleted -> deleted < BATCH ? Future.succeededFuture((long) deleted)
        : purge().map(more -> deleted + more));
  }

  private Future<Integer> batch() {
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(LOCK_KEY)).compose(lock -> {
      if (!lock.iterator().next().getBoolean(0)) {
        return Future.succeededFuture(0);
      }
      double seconds = options.retention().toMillis() / 1000.0;
      return conn.preparedQuery(DELETE_BATCH).execute(Tuple.of(seconds, BATCH)).map(r -> r.rowCount());
    }));
  }
}
