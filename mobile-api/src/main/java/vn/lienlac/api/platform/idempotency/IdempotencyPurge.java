package vn.lienlac.api.platform.idempotency;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes idempotency records older than 24 h, in batches so that no statement holds many row locks
 * or runs long. Every api process runs it; two doing it at once only share the work.
 */
public final class IdempotencyPurge extends VerticleBase {

  static final Duration EVERY = Duration.ofMinutes(10);
  static final int BATCH = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);

  private final IdempotencyKeys keys;
  private long timer = -1;
  private boolean running;

  public IdempotencyPurge(Pool pool) {
    this.keys = new IdempotencyKeys(pool);
  }

  /** One pass now: every expired record, batch after batch; answers how many were deleted. */
  public static Future<Long> purgeNow(Pool pool) {
    return new IdempotencyKeys(pool).purgeExpired(BATCH);
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(EVERY.toMillis(), EVERY.toMillis(), id -> pass());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void pass() {
    if (running) {
      return; // a slow pass is still deleting; the next tick will find what is left
    }
    running = true;
    keys.purgeExpired(BATCH)
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("purged {} idempotency records older than {}", n, IdempotencyKeys.RETENTION);
          }
        })
        .onFailure(e -> LOG.warn("idempotency purge failed, retrying in {}: {}", EVERY, e.getMessage()))
        .onComplete(r -> running = false);
  }
}
