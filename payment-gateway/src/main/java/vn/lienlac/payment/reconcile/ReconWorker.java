package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation worker (workers role): woken by {@code NOTIFY payment_recon} from intake, and by a
 * timer in case a notification was missed, it claims new bank transactions in batches
 * ({@code FOR UPDATE SKIP LOCKED}, so several processes share the work and never take the same row) and
 * reconciles them in one transaction; when one fails, the batch runs again with each credit under a savepoint:
 * the failing one is rolled back to its savepoint and stays {@code new} for the next round, the others commit. A crash loses the
 * whole batch's work, never half of one credit's. Each credit's payment notices are stored with it (the
 * notice outbox), so they commit, or roll back, with the application; realtime events follow the commit.
 */
public final class ReconWorker extends VerticleBase {

  public static final String CHANNEL = "payment_recon";

  private static final Logger LOG = LoggerFactory.getLogger(ReconWorker.class);

  private static final String CLAIM = """
      SELECT id FROM payment.bank_transaction WHERE recon_state = 'new' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""";

  private final Pool pool;
  private final PgConnectOptions listenTo;
  private final CreditApplier applier;
  private final PaymentNotifier notifier;
  private final int batchSize;
  private final Duration pollEvery;
  private PgSubscriber subscriber;
  private long timer = -1;
  private boolean running;
  private boolean again;

  public ReconWorker(Pool pool, PgConnectOptions listenTo, CreditApplier applier, PaymentNotifier notifier,
                     int batchSize, Duration pollEvery) {
    this.pool = pool;
    this.listenTo = listenTo;
    this.applier = applier;
    this.notifier = notifier;
    this.batchSize = batchSize;
    this.pollEvery = pollEvery;
  }

  @Override
  public Future<?> start() {
    subscriber = PgSubscriber.subscriber(vertx, listenTo).reconnectPolicy(retries -> 1_000L);
    subscriber.channel(CHANNEL).handler(payload -> wake());
    timer = vertx.setPeriodic(pollEvery.toMillis(), id -> wake());
    // Started even when LISTEN is not yet possible: the timer keeps reconciling meanwhile.
    return subscriber.connect().recover(e -> {
      LOG.warn("cannot LISTEN {} yet ({}); polling every {}", CHANNEL, e.getMessage(), pollEvery);
      return Future.succeededFuture();
    }).onComplete(v -> wake());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return subscriber.close();
  }

  /** Runs batches until no new transaction is left; a wake during a run asks for one more round. */
  void wake() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    runOnce().onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        LOG.warn("reconciliation batch failed: {}", ar.cause().getMessage());
      } else if (ar.result() || again) {
        wake();
      }
    });
  }

  /**
   * One batch; true when it was full and made progress (more may be waiting). The batch first runs without
   * savepoints (two round trips fewer per credit); if any credit fails, that attempt is rolled back whole
   * and the batch runs again with a savepoint per credit, so the failing one stays new and the rest commit.
   */
  public Future<Boolean> runOnce() {
    return batch(false).recover(e -> {
      LOG.info("a credit of the batch failed ({}); running the batch again with a savepoint per credit", e.getMessage());
      return batch(true);
    });
  }

  private Future<Boolean> batch(boolean savepoints) {
    List<AppliedPayment> applied = new ArrayList<>();
    int[] counts = new int[2];
    // BEGIN/COMMIT by hand rather than withTransaction: the client rolls a Transaction back at its first
    // failed statement, and here a failed credit must only roll back to its savepoint.
    return pool.withConnection(tx -> tx.query("BEGIN").execute()
        .compose(v -> tx.preparedQuery(CLAIM).execute(Tuple.of(batchSize)))
        .compose(rows -> {
          counts[0] = rows.size();
          Future<Void> chain = Future.succeededFuture();
          for (Row r : rows) {
            long id = r.getLong(0);
            chain = chain.compose(v -> savepoints ? guarded(tx, id, applied, counts) : one(tx, id, applied, counts));
          }
          return chain;
        })
        .compose(v -> tx.query("COMMIT").execute())
        .recover(e -> tx.query("ROLLBACK").execute().transform(ignored -> Future.failedFuture(e))))
        .map(v -> {
          notifier.published(applied);
          return counts[0] == batchSize && counts[1] > 0;
        });
  }

  /** Reconciles one credit and stores its notices; a failure fails the batch's transaction. */
  private Future<Void> one(SqlConnection tx, long id, List<AppliedPayment> applied, int[] counts) {
    return applier.reconcile(tx, id)
        .compose(result -> notifier.store(tx, result.applied()).map(result))
        .map(result -> {
          if (!result.deferred()) {
            counts[1]++;
          }
          applied.addAll(result.applied());
          return (Void) null;
        });
  }

  /** {@link #one} under a savepoint: a failure rolls back this credit only, which stays new. */
  private Future<Void> guarded(SqlConnection tx, long id, List<AppliedPayment> applied, int[] counts) {
    List<AppliedPayment> mine = new ArrayList<>();
    int[] before = counts.clone();
    return tx.query("SAVEPOINT credit").execute()
        .compose(v -> one(tx, id, mine, counts))
        .compose(v -> tx.query("RELEASE SAVEPOINT credit").execute())
        .<Void>map(v -> {
          applied.addAll(mine);
          return null;
        })
        .recover(e -> {
          counts[1] = before[1];
          LOG.warn("bank transaction {} not reconciled, left for the next round: {}", id, e.getMessage());
          return tx.query("ROLLBACK TO SAVEPOINT credit").execute().mapEmpty();
        });
  }
}
