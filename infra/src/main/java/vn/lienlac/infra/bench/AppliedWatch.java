package vn.lienlac.infra.bench;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches bank transactions leave {@code recon_state = 'new'}: every {@code pollMs} it reads the rows
 * decided since the lowest id not yet seen decided, and notes when each was first seen (nanoTime). The note
 * is at most one poll late, never early.
 */
final class AppliedWatch implements AutoCloseable {

  private static final String DECIDED = """
      SELECT id FROM payment.bank_transaction WHERE id >= $1 AND recon_state <> 'new' ORDER BY id""";

  private final Vertx vertx;
  private final PgConnection connection;
  private final ConcurrentHashMap<Long, Long> seen = new ConcurrentHashMap<>();
  private final long timer;
  private volatile long lowest = 1;
  private volatile long lastSeen;
  private boolean polling;

  private AppliedWatch(Vertx vertx, PgConnection connection, int pollMs) {
    this.vertx = vertx;
    this.connection = connection;
    this.timer = vertx.setPeriodic(pollMs, t -> poll());
  }

  static AppliedWatch start(Vertx vertx, vn.lienlac.infra.support.db.PgUrl ours, int pollMs) throws Exception {
    PgConnection c = PgConnection.connect(vertx, PgConnectOptions.fromUri(ours.uri())).await(30, TimeUnit.SECONDS);
    return new AppliedWatch(vertx, c, pollMs);
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    connection.preparedQuery(DECIDED).execute(Tuple.of(lowest)).onComplete(ar -> {
      polling = false;
      if (ar.failed()) {
        return;
      }
      long now = System.nanoTime();
      long low = lowest;
      for (var r : ar.result()) {
        long id = r.getLong(0);
        if (seen.putIfAbsent(id, now) == null) {
          lastSeen = now;
        }
        if (id == low) {
          low++;
        }
      }
      while (seen.containsKey(low)) {
        low++;
      }
      lowest = low;
    });
  }

  /** When the row was first seen decided (nanoTime), or 0. */
  long seenAt(long id) {
    return seen.getOrDefault(id, 0L);
  }

  /** When a row was last seen decided for the first time (nanoTime). */
  long lastSeen() {
    return lastSeen;
  }

  /** Waits until {@code count} rows were seen decided, or the time is up. */
  void awaitAll(int count, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (seen.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
    connection.close();
  }
}
