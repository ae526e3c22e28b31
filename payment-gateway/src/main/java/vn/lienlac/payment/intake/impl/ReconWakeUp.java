package vn.lienlac.payment.intake.impl;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes reconciliation after new rows commit: {@code NOTIFY payment_recon, '<highest new id>'}, at
 * most one in flight per process, so rows committed meanwhile share the next one. Not in the
 * inserting transaction: PostgreSQL serialises the commits of notifying transactions on one lock held
 * through the WAL flush, which capped inserts at ~330/s on this machine (pgbench, 16 clients: 3,280
 * tps without NOTIFY, 330 with it). A process that dies between commit and notification loses only
 * the wake-up; reconciliation also looks for 'new' rows on its own schedule.
 */
final class ReconWakeUp {

  private static final Logger LOG = LoggerFactory.getLogger(ReconWakeUp.class);
  static final String NOTIFY = "SELECT pg_notify('payment_recon', $1)";

  private final Pool pool;
  private final AtomicLong highest = new AtomicLong();
  private final AtomicBoolean inFlight = new AtomicBoolean();

  ReconWakeUp(Pool pool) {
    this.pool = pool;
  }

  void committed(long id) {
    highest.accumulateAndGet(id, Math::max);
    sendIfIdle();
  }

  private void sendIfIdle() {
    if (highest.get() == 0 || !inFlight.compareAndSet(false, true)) {
      return;
    }
    long id = highest.getAndSet(0);
    pool.preparedQuery(NOTIFY).execute(Tuple.of(Long.toString(id))).onComplete(done -> {
      if (done.failed()) {
        LOG.warn("could not wake reconciliation (it will find the rows on its next look): {}", done.cause().getMessage());
      }
      inFlight.set(false);
      sendIfIdle();
    });
  }
}
