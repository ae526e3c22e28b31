package vn.lienlac.payment.intake.pull;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers role: pulls every configured feed every {@code interval}, one round at a time (a slow round
 * delays the next instead of overlapping it). A failed round is logged and retried next time.
 */
public final class BankFeedVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(BankFeedVerticle.class);

  private final BankFeedPull pull;
  private final Supplier<Future<List<BankFeed>>> feeds;
  private final Duration interval;
  private long timer = -1;
  private boolean stopping;

  /** @param feeds asked every round, so collection accounts added meanwhile are pulled too */
  public BankFeedVerticle(BankFeedPull pull, Supplier<Future<List<BankFeed>>> feeds, Duration interval) {
    this.pull = pull;
    this.feeds = feeds;
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    schedule(1_000);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void schedule(long delayMillis) {
    if (!stopping) {
      timer = vertx.setTimer(delayMillis, id -> round());
    }
  }

  private void round() {
    feeds.get().onFailure(e -> {
      LOG.warn("bank feeds unavailable: {}", e.getMessage());
      schedule(interval.toMillis());
    }).onSuccess(this::pullAll);
  }

  private void pullAll(List<BankFeed> feeds) {
    Future<Void> chain = Future.succeededFuture();
    for (BankFeed feed : feeds) {
      chain = chain.compose(v -> pull.pullOnce(feed)
          .onSuccess(r -> {
            if (r.added() > 0) {
              LOG.warn("bank feed {} found {} transactions no webhook had brought", feed.name(), r.added());
            }
          })
          .otherwise(e -> {
            LOG.warn("bank feed {} pull failed: {}", feed.name(), e.getMessage());
            return null;
          }).mapEmpty());
    }
    chain.onComplete(done -> schedule(interval.toMillis()));
  }
}
