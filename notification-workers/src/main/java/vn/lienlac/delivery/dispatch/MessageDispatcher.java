package vn.lienlac.delivery.dispatch;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.delivery.policy.DeliveryPolicy;
import vn.lienlac.messaging.events.UserEvents;

/**
 * Turns messages into delivery work and follows them to the end: a {@code queued} message's recipient
 * rows become attempts of the first possible step of its channel plan (set-based, a chunk per
 * transaction, resumable, exactly once per recipient and channel), then the message is {@code sending};
 * recipients whose step is over get the next step or become unreachable with the reason; a message
 * none of whose recipients waits any more is {@code done}. The sender hears {@code delivery.updated}
 * with the counts (coalesced: at most once per message per interval); principals hear when a paid
 * channel's budget passes 80%.
 */
public final class MessageDispatcher extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);

  private final Pool pool;
  private final UserEvents events;
  private final DispatchOptions options;
  private final Clock clock;
  private final PlanSteps steps;
  private long timer;
  private boolean running;
  private Future<Void> tick = Future.succeededFuture();

  public MessageDispatcher(Pool pool, UserEvents events, DispatchOptions options, Clock clock) {
    this.pool = pool;
    this.events = events;
    this.options = options;
    this.clock = clock;
    this.steps = new PlanSteps(options, clock);
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(10, options.interval().toMillis(), id -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return tick.transform(v -> Future.succeededFuture());
  }

  /** One round; rounds never overlap in one process. Public for tests that drive it. */
  public Future<Void> tick() {
    if (running) {
      return tick;
    }
    running = true;
    tick = dispatchQueued(50).compose(v -> followSending()).compose(v -> warnBudgets())
        .recover(e -> {
          LOG.warn("message dispatch round failed: {}", e.getMessage());
          return Future.succeededFuture();
        })
        .andThen(ar -> running = false);
    return tick;
  }

  /** Dispatches chunks while queued messages remain, at most {@code chunks} per round. */
  private Future<Void> dispatchQueued(int chunks) {
    if (chunks == 0) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(this::dispatchChunk)
        .compose(more -> more ? dispatchQueued(chunks - 1) : Future.succeededFuture());
  }

  /** @return true when there may be more to dispatch */
  private Future<Boolean> dispatchChunk(SqlConnection tx) {
    return tx.preparedQuery(DispatchSql.NEXT_QUEUED).execute().compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(false);
      }
      Row m = rows.iterator().next();
      long messageId = m.getLong(0);
      String priority = m.getString(1);
      String school = m.getString(2);
      long after = m.getLong(3);
      return tx.preparedQuery(DispatchSql.CHUNK).execute(Tuple.of(messageId, after, options.chunk()))
          .compose(chunk -> {
            List<PlanSteps.Candidate> candidates = new ArrayList<>();
            long last = after;
            for (Row r : chunk) {
              candidates.add(new PlanSteps.Candidate(r.getLong(0), -1, PolicyStore.preference(r, 1), null));
              last = r.getLong(0);
            }
            boolean finished = chunk.size() < options.chunk();
            long position = last;
            return steps.apply(tx, messageId, priority, school, candidates, true)
                .compose(v -> tx.preparedQuery(DispatchSql.SAVE_POSITION).execute(Tuple.of(messageId, position, finished)))
                .compose(v -> finished
                    ? tx.preparedQuery(DispatchSql.START_SENDING).execute(Tuple.of(messageId)).mapEmpty()
                    : Future.succeededFuture())
                .compose(v -> tx.query(DispatchSql.WAKE_WORKERS).execute())
                .map(v -> true);
          });
    });
  }

  /** Next steps, unreachable recipients, reminders, done messages and the senders' events. */
  private Future<Void> followSending() {
    return pool.preparedQuery(DispatchSql.SENDING_MESSAGES).execute().compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row m : rows) {
        long id = m.getLong(0);
        String priority = m.getString(1);
        String school = m.getString(2);
        boolean ack = m.getBoolean(3);
        String sender = m.getString(4);
        chain = chain.compose(v -> pool.withTransaction(tx -> steps.advance(tx, id, priority, school, ack)))
            .compose(v -> pool.withTransaction(tx -> finishAndTell(tx, id, sender)));
      }
      return chain;
    });
  }

  private Future<Void> finishAndTell(SqlConnection tx, long messageId, String sender) {
    return tx.preparedQuery(DispatchSql.FINISH).execute(Tuple.of(messageId)).compose(done ->
        tx.preparedQuery(DispatchSql.COUNTS).execute(Tuple.of(messageId)).compose(counts -> {
          Row c = counts.iterator().next();
          JsonObject data = new JsonObject().put("messageId", messageId)
              .put("status", done.size() == 1 ? "done" : "sending")
              .put("recipients", c.getLong(0)).put("delivered", c.getLong(1)).put("unreachable", c.getLong(2))
              .put("read", c.getLong(3)).put("acknowledged", c.getLong(4));
          return events.publish(tx, sender, UserEvents.DELIVERY_UPDATED, data).<Void>mapEmpty();
        }));
  }

  /** Principals of a school whose paid channel passed 80% of its month's budget hear it once. */
  private Future<Void> warnBudgets() {
    return pool.withTransaction(tx -> tx.preparedQuery(DispatchSql.BUDGETS_TO_WARN).execute().compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row b : rows) {
        String school = b.getString(0);
        JsonObject data = new JsonObject().put("budget", new JsonObject().put("schoolCode", school)
            .put("channel", b.getString(1)).put("limitVnd", b.getLong(2)).put("spentVnd", b.getLong(3))
            .put("percent", b.getLong(2) == 0 ? 100 : b.getLong(3) * 100 / b.getLong(2)));
        LOG.info("budget warning for school {} channel {}", school, b.getString(1));
        chain = chain.compose(v -> tx.preparedQuery(DispatchSql.PRINCIPALS).execute(Tuple.of(school)))
            .compose(principals -> {
              Future<Void> each = Future.succeededFuture();
              for (Row p : principals) {
                each = each.compose(v -> events.publish(tx, "s:" + p.getLong(0), UserEvents.DELIVERY_UPDATED, data)
                    .mapEmpty());
              }
              return each;
            });
      }
      return chain;
    }));
  }
}
