package vn.lienlac.messaging.expansion;

import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the expansion workers ({@code LISTEN message_expansion_due}) once a new message is committed.
 * The NOTIFY is its own statement after the sender's commit, never inside it: PostgreSQL holds a global
 * lock from a notifying transaction's commit through its WAL flush, so notifying inside would queue
 * every send behind every other. Wake-ups are coalesced: at most one NOTIFY in flight per instance, and
 * any asked for meanwhile fold into one more after it. A lost wake-up costs at most the workers' poll
 * interval. Thread-safe.
 */
public final class ExpansionWake {

  private static final Logger LOG = LoggerFactory.getLogger(ExpansionWake.class);
  private static final String NOTIFY = "NOTIFY " + RecipientExpansion.WAKE_CHANNEL;

  private final Pool pool;
  private boolean inFlight;
  private boolean again;

  public ExpansionWake(Pool pool) {
    this.pool = pool;
  }

  /** Call after the message's transaction committed. */
  public void wake() {
    synchronized (this) {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
    }
    pool.query(NOTIFY).execute().onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("expansion wake-up not sent ({}); the workers' poll finds the message", ar.cause().getMessage());
      }
      boolean more;
      synchronized (this) {
        inFlight = false;
        more = again;
        again = false;
      }
      if (more) {
        wake();
      }
    });
  }
}
