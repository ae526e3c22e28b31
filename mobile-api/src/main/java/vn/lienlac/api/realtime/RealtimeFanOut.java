package vn.lienlac.api.realtime;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process side of realtime in the {@code api} role: receives every event announced on the Redis
 * channel and hands it to this process's connections of that user; sweeps all connections
 * periodically (authentication deadline, heartbeats, stuck writes); and, as the safety net for lost
 * announcements, periodically asks the database which connected users have events newer than what
 * their connections were sent.
 */
public final class RealtimeFanOut extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RealtimeFanOut.class);
  /** Users per catch-up query: bounds the size of one statement's parameters. */
  private static final int CATCH_UP_CHUNK = 5_000;

  private final RealtimeHub hub;
  private final Redis subscriberClient;
  private RedisSubscription subscription;
  private boolean catchingUp;

  /** @param subscriberClient a Redis client for the subscription alone (it holds one connection) */
  public RealtimeFanOut(RealtimeHub hub, Redis subscriberClient) {
    this.hub = hub;
    this.subscriberClient = subscriberClient;
  }

  @Override
  public Future<?> start() {
    RealtimeOptions options = hub.options();
    subscription = new RedisSubscription(vertx, subscriberClient, options.channel(), this::announced, this::catchUp);
    vertx.setPeriodic(options.sweepInterval().toMillis(), t -> {
      long now = System.currentTimeMillis();
      hub.sweep(c -> c.tick(now));
    });
    vertx.setPeriodic(options.catchUpInterval().toMillis(), t -> catchUp());
    return subscription.start();
  }

  @Override
  public Future<?> stop() {
    return subscription.stop();
  }

  private void announced(String message) {
    EventFrames.RecipientsAdded recipients = EventFrames.recipientsAdded(message);
    if (recipients != null) {
      hub.recipientsAdded(recipients);
      return;
    }
    EventFrames.Event event = EventFrames.fromRedis(message);
    if (event != null) {
      hub.deliver(event);
    }
  }

  /** One pass at a time; users in chunks, one query per chunk, one after the other. */
  private void catchUp() {
    if (catchingUp) {
      return;
    }
    List<String> subjects = new ArrayList<>();
    List<Long> sent = new ArrayList<>();
    hub.forEachUser((subject, lowest) -> {
      subjects.add(subject);
      sent.add(lowest);
    });
    if (subjects.isEmpty()) {
      return;
    }
    catchingUp = true;
    Future<Void> pass = Future.succeededFuture();
    for (int from = 0; from < subjects.size(); from += CATCH_UP_CHUNK) {
      int start = from;
      int end = Math.min(subjects.size(), from + CATCH_UP_CHUNK);
      pass = pass.compose(v -> hub.log().behind(subjects.subList(start, end).toArray(String[]::new),
          sent.subList(start, end).toArray(Long[]::new)).map(newest -> {
            newest.forEach(hub::behind);
            return null;
          }));
    }
    pass.onComplete(done -> {
      catchingUp = false;
      if (done.failed()) {
        LOG.warn("realtime catch-up failed: {}", done.cause().getMessage());
      }
    });
  }
}
