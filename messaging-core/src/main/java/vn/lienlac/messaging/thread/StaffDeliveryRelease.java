package vn.lienlac.messaging.thread;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.messaging.events.UserEvents;

/**
 * Hands guardians' thread messages written outside a staff member's office hours to that staff member
 * once their office opens ({@code messaging.thread_staff_delivery.deliver_after}): raises
 * {@code message.created} for them in the transaction that marks the rows released. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so any number of worker processes may run this; a crash before
 * commit leaves the rows for the next round.
 */
public final class StaffDeliveryRelease extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StaffDeliveryRelease.class);
  public static final int BATCH = 500;

  static final String RELEASE_DUE = """
      WITH due AS (
        SELECT d.message_id
          FROM messaging.thread_staff_delivery d
         WHERE d.released_at IS NULL AND d.deliver_after <= $1
         ORDER BY d.deliver_after
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
      UPDATE messaging.thread_staff_delivery d
         SET released_at = $1
        FROM due, messaging.thread t
       WHERE d.message_id = due.message_id AND t.id = d.thread_id
      RETURNING d.message_id, d.thread_id, t.staff_id""";

  private final Pool pool;
  private final UserEvents events;
  private final Clock clock;
  private final Duration interval;
  private long timer = -1;
  private boolean running;

  public StaffDeliveryRelease(Pool pool, UserEvents events, Clock clock, Duration interval) {
    this.pool = pool;
    this.events = events;
    this.clock = clock;
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(interval.toMillis(), id -> round());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void round() {
    if (running) {
      return;
    }
    running = true;
    releaseDue().onComplete(r -> {
      running = false;
      if (r.failed()) {
        LOG.warn("releasing queued thread messages failed; retrying next round", r.cause());
      } else if (r.result() == BATCH) {
        round(); // more are due: go on at once
      }
    });
  }

  /** Releases one batch of messages due now; how many were released. */
  public Future<Integer> releaseDue() {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    return pool.withTransaction(tx -> tx.preparedQuery(RELEASE_DUE).execute(Tuple.of(now, BATCH))
        .compose(rows -> {
          List<Row> released = new ArrayList<>();
          rows.forEach(released::add);
          // Stable order: the per-user event counter rows are locked until commit.
          released.sort(Comparator.comparing((Row r) -> "s:" + r.getLong("staff_id"))
              .thenComparing(r -> r.getLong("message_id")));
          return announce(tx, released).map(v -> released.size());
        }));
  }

  private Future<Void> announce(SqlConnection tx, List<Row> released) {
    Future<Void> chain = Future.succeededFuture();
    for (Row r : released) {
      Long staff = r.getLong("staff_id");
      if (staff == null) {
        continue; // the teacher has no account yet: they see the message when they first sign in
      }
      JsonObject data = new JsonObject().put("messageId", r.getLong("message_id")).put("kind", "thread")
          .put("threadId", r.getLong("thread_id"));
      chain = chain.compose(v -> events.publish(tx, "s:" + staff, UserEvents.MESSAGE_CREATED, data).mapEmpty());
    }
    return chain;
  }
}
