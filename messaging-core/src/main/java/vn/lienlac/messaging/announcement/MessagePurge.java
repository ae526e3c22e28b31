package vn.lienlac.messaging.announcement;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Retention ({@code ./lienlac messages purge --before}): removes messages created before a date with
 * their recipient rows, counts, audience and expansion state. Recipient rows go in batches of
 * {@code batch} rows per transaction with a short pause between, so no statement holds locks for
 * long and the inbox stays responsive; the message row goes last, once nothing refers to it.
 */
public final class MessagePurge {

  /** The oldest message created before the cutoff. $1 cutoff. */
  private static final String NEXT_MESSAGE = """
      SELECT id FROM messaging.message WHERE created_at < $1 ORDER BY created_at, id LIMIT 1""";

  /** One batch of a message's recipient rows. $1 message, $2 batch size. */
  private static final String DELETE_RECIPIENTS = """
      DELETE FROM messaging.recipient r
       USING (SELECT guardian_id FROM messaging.recipient WHERE message_id = $1 LIMIT $2) b
       WHERE r.message_id = $1 AND r.guardian_id = b.guardian_id""";

  /** The message with its counts (audience and expansion state go by cascade). $1 message. */
  private static final String DELETE_MESSAGE = """
      WITH counts AS (DELETE FROM messaging.message_count WHERE message_id = $1)
      DELETE FROM messaging.message WHERE id = $1 RETURNING id""";

  /** What a purge removed. */
  public record Removed(long messages, long recipients) {}

  private final Vertx vertx;
  private final Pool pool;
  private final int batch;
  private final Duration pause;

  public MessagePurge(Vertx vertx, Pool pool, int batch, Duration pause) {
    if (batch < 1) {
      throw new IllegalArgumentException("the purge batch must be at least 1 row, got " + batch);
    }
    this.vertx = vertx;
    this.pool = pool;
    this.batch = batch;
    this.pause = pause;
  }

  /** Removes everything created before the start of {@code before} (UTC). */
  public Future<Removed> before(LocalDate before) {
    return purge(before.atStartOfDay().atOffset(ZoneOffset.UTC), new Removed(0, 0));
  }

  private Future<Removed> purge(OffsetDateTime cutoff, Removed so) {
    return pool.preparedQuery(NEXT_MESSAGE).execute(Tuple.of(cutoff)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(so);
      }
      long id = rows.iterator().next().getLong("id");
      return recipients(id, 0)
          .compose(n -> pool.preparedQuery(DELETE_MESSAGE).execute(Tuple.of(id))
              .map(r -> new Removed(so.messages() + r.rowCount(), so.recipients() + n)))
          .compose(next -> purge(cutoff, next));
    });
  }

  private Future<Long> recipients(long messageId, long so) {
    return pool.preparedQuery(DELETE_RECIPIENTS).execute(Tuple.of(messageId, batch)).compose(r -> {
      long total = so + r.rowCount();
      if (r.rowCount() < batch) {
        return Future.succeededFuture(total);
      }
      return pauseThen().compose(v -> recipients(messageId, total));
    });
  }

  private Future<Void> pauseThen() {
    return pause.isZero() ? Future.succeededFuture() : vertx.timer(pause.toMillis()).mapEmpty();
  }

}
