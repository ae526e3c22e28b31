package vn.lienlac.messaging.expansion;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.messaging.events.UserEvents;

/**
 * The expansion of the workers role: turns due announcements into their recipient rows. Woken by
 * {@code LISTEN message_expansion_due} when a message is created and by a timer (scheduled messages,
 * expired claims of dead workers, a missed notification). Runs up to {@link ExpansionOptions#lanes()}
 * messages at once, each lane claiming the next due message (emergency first) until none is left; any
 * number of processes may run it side by side.
 */
public final class RecipientExpansion extends VerticleBase {

  /** The channel senders notify after committing a message ({@link ExpansionWake}). */
  public static final String WAKE_CHANNEL = "message_expansion_due";

  private static final Logger LOG = LoggerFactory.getLogger(RecipientExpansion.class);

  private final Pool pool;
  private final PgConnectOptions listenTo;
  private final ExpansionOptions options;
  private final UserEvents events;
  private final String workerId = "x-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<Future<Void>> running = new ArrayList<>();
  private Expander expander;
  private PgSubscriber subscriber;
  private long timer = -1;
  private int busy;
  private boolean wakeAgain;
  private boolean stopping;

  /** @param listenTo our database, for the dedicated {@code LISTEN} connection */
  public RecipientExpansion(Pool pool, PgConnectOptions listenTo, ExpansionOptions options, UserEvents events) {
    this.pool = pool;
    this.listenTo = listenTo;
    this.options = options;
    this.events = events;
  }

  @Override
  public Future<?> start() {
    expander = new Expander(pool, workerId, options, events);
    timer = vertx.setPeriodic(options.pollInterval().toMillis(), id -> wake());
    subscriber = PgSubscriber.subscriber(vertx, listenTo).reconnectPolicy(retries -> 1_000L);
    subscriber.channel(WAKE_CHANNEL).handler(payload -> wake());
    return subscriber.connect()
        .recover(e -> {
          LOG.warn("LISTEN {} failed ({}); expansion polls every {}", WAKE_CHANNEL, e.getMessage(), options.pollInterval());
          return Future.succeededFuture();
        })
        .onSuccess(v -> {
          LOG.info("recipient expansion {} started: {} lanes, chunks of {}", workerId, options.lanes(), options.chunkSize());
          wake();
        });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    return subscriber.close().transform(v -> Future.join(List.copyOf(running))).transform(v -> Future.succeededFuture());
  }

  /** Starts an idle lane; when every lane is busy, one of them looks again before it rests. */
  private void wake() {
    if (stopping) {
      return;
    }
    if (busy >= options.lanes()) {
      wakeAgain = true;
      return;
    }
    busy++;
    Future<Void> lane = lane();
    running.add(lane);
    lane.onComplete(ar -> {
      running.remove(lane);
      busy--;
      if (ar.failed()) {
        LOG.warn("expansion lane failed, retrying within {}: {}", options.pollInterval(), ar.cause().getMessage());
      }
    });
  }

  /** Expands messages one after another until none is due. */
  private Future<Void> lane() {
    if (stopping) {
      return Future.succeededFuture();
    }
    return expander.expandNext(Integer.MAX_VALUE).compose(claim -> {
      if (claim != null) {
        // More may be due: let another lane share the work.
        if (busy < options.lanes()) {
          vertx.runOnContext(v -> wake());
        }
        return lane();
      }
      if (wakeAgain) {
        wakeAgain = false;
        return lane();
      }
      return Future.succeededFuture();
    });
  }
}
