package vn.lienlac.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;
import vn.lienlac.delivery.impl.AttemptQueue;
import vn.lienlac.delivery.impl.Backoff;
import vn.lienlac.delivery.impl.ClaimedAttempt;
import vn.lienlac.delivery.impl.RecipientAttempts;
import vn.lienlac.delivery.policy.CircuitBreaker;
import vn.lienlac.messaging.notice.NoticeTemplates;
import vn.lienlac.messaging.ratelimit.TokenBuckets;

/**
 * The delivery loop of the workers role: claims due attempts in batches (lease + SKIP LOCKED, so any
 * number of processes share the queue), renders the notice, takes a token from the provider
 * account's shared bucket, marks the attempt {@code sending}, calls the channel and records what the
 * provider said. Woken by {@code LISTEN delivery_due}, and by a timer for retries coming due and in
 * case a notification was missed. Undeploying lets the batch in flight finish.
 */
public final class DeliveryWorker extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final Pool pool;
  private final PgConnectOptions listenTo;
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final TokenBuckets buckets;
  private final DeliveryOptions options;
  private final NoticeTemplates templates;
  private final DeliveryEvents events;
  private final Backoff backoff;
  private final String workerId;
  private final Map<String, CircuitBreaker> breakers = new java.util.HashMap<>();
  private AttemptQueue queue;
  private RecipientAttempts recipients;
  private PgSubscriber subscriber;
  private long timer = -1;
  private boolean stopping;
  private boolean cycling;
  private boolean wakeAgain;
  private Future<Void> cycle = Future.succeededFuture();

  /**
   * @param listenTo our database, for the dedicated {@code LISTEN} connection
   * @param channels one adapter per channel kind ({@code sms} today)
   * @param buckets the shared rate-limit buckets (Redis)
   */
  public DeliveryWorker(Pool pool, PgConnectOptions listenTo, List<Channel> channels, TokenBuckets buckets,
                        DeliveryOptions options, NoticeTemplates templates, DeliveryEvents events) {
    this.pool = pool;
    this.listenTo = listenTo;
    channels.forEach(c -> this.channels.put(c.kind(), c));
    this.buckets = buckets;
    this.options = options;
    this.templates = templates;
    this.events = events;
    this.backoff = new Backoff(options.firstRetryDelay(), options.maxRetryDelay());
    this.workerId = "w-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String workerId() {
    return workerId;
  }

  @Override
  public Future<?> start() {
    queue = new AttemptQueue(pool, workerId);
    recipients = new RecipientAttempts(pool, workerId, vn.lienlac.delivery.policy.SchoolPolicy.DEFAULT_ZNS_PRICE_VND);
    channels.values().forEach(c -> breakers.put(c.provider(),
        new CircuitBreaker(options.breakerThreshold(), options.breakerCooldown(), System::nanoTime)));
    timer = vertx.setPeriodic(options.pollInterval().toMillis(), id -> wake());
    subscriber = PgSubscriber.subscriber(vertx, listenTo).reconnectPolicy(retries -> 1_000L);
    subscriber.channel(DeliverySchema.WAKE_CHANNEL).handler(payload -> wake());
    return subscriber.connect()
        .recover(e -> {
          LOG.warn("LISTEN {} failed ({}); delivery polls every {}", DeliverySchema.WAKE_CHANNEL, e.getMessage(),
              options.pollInterval());
          return Future.succeededFuture();
        })
        .onSuccess(v -> {
          LOG.info("delivery worker {} started: channels {}", workerId,
              channels.values().stream().map(c -> c.kind() + "/" + c.provider()).toList());
          wake();
        });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    return subscriber.close().transform(v -> cycle).transform(v -> Future.succeededFuture());
  }

  /** Runs a cycle now, or right after the one running, however many wake-ups arrive meanwhile. */
  private void wake() {
    if (stopping) {
      return;
    }
    if (cycling) {
      wakeAgain = true;
      return;
    }
    cycling = true;
    wakeAgain = false;
    Promise<Void> done = Promise.promise();
    cycle = done.future();
    runCycle().onComplete(ar -> {
      cycling = false;
      done.complete();
      if (ar.failed()) {
        LOG.warn("delivery cycle failed, trying again in {}: {}", options.pollInterval(), ar.cause().getMessage());
      } else if (wakeAgain || ar.result()) {
        vertx.runOnContext(v -> wake());
      }
    });
  }

  /** @return true when the batch was full, so more work is probably waiting */
  private Future<Boolean> runCycle() {
    List<String> idempotent = channels.values().stream().filter(Channel::idempotent).map(Channel::provider).toList();
    return queue.reclaimExpired(idempotent)
        .compose(reclaimed -> {
          reclaimed.stream().filter(r -> "unknown".equals(r.state())).forEach(r -> {
            LOG.warn("attempt {} via {} is unknown: its worker stopped during the provider call, and {} cannot"
                + " deduplicate a resend", r.id(), r.provider(), r.provider());
            events.recorded(r.channel(), r.provider(), "unknown", 0);
          });
          if (!reclaimed.isEmpty()) {
            LOG.info("{} expired claims returned to the queue", reclaimed.size());
          }
          return recipients.failUnserved(List.copyOf(channels.keySet()));
        })
        .compose(unserved -> {
          if (unserved > 0) {
            LOG.info("{} attempts of channels these workers do not serve failed over to the next step", unserved);
          }
          return queue.claim(List.copyOf(channels.keySet()), options.batchSize(), options.lease());
        })
        .compose(claimed -> {
          long deadline = System.nanoTime() + options.lease().toNanos() / 2;
          return Future.join(claimed.stream().map(a -> deliver(a, deadline)).toList())
              .transform(v -> Future.succeededFuture(claimed.size() == options.batchSize()));
        });
  }

  private Future<?> deliver(ClaimedAttempt attempt, long deadline) {
    Channel channel = channels.get(attempt.channel());
    Outbound outbound;
    try {
      outbound = outbound(attempt);
    } catch (IllegalArgumentException e) {
      return queue.finish(attempt.id(), "failed", e.getMessage());
    }
    CircuitBreaker breaker = breakers.get(channel.provider());
    return permit(channel, deadline).compose(wait -> {
      if (wait != null) {
        events.recorded(channel.kind(), channel.provider(), "rate_limited", 0);
        return queue.retryLater(attempt.id(), wait, "waiting for the " + channel.provider() + " rate limit");
      }
      if (!breaker.allow()) {
        events.recorded(channel.kind(), channel.provider(), "held", 0);
        return attempt.forRecipient()
            ? recipients.holdByBreaker(attempt.id(), breaker.remainingCooldown().plusMillis(100),
                "circuit_open: " + channel.provider() + " is failing; held back")
            : queue.retryLater(attempt.id(), breaker.remainingCooldown().plusMillis(100),
                "circuit_open: " + channel.provider() + " is failing; held back");
      }
      return queue.markSending(attempt.id(), channel.provider(), options.lease()).compose(ours -> ours
          ? channel.send(outbound).compose(result -> {
              observe(breaker, result);
              return record(attempt, channel, attempt.attemptsMade() + 1, result);
            })
          : Future.succeededFuture());
    }).recover(e -> {
      LOG.warn("attempt {} could not be processed ({}); its lease will return it", attempt.id(), e.getMessage());
      return Future.succeededFuture();
    });
  }

  /** What the attempt sends: a rendered notice, or the message for one guardian. */
  private Outbound outbound(ClaimedAttempt attempt) {
    if (attempt.forRecipient()) {
      if ("recalled".equals(attempt.messageStatus())) {
        throw new IllegalArgumentException("recalled: the sender recalled the message");
      }
      var m = attempt.message();
      String text = "push".equals(attempt.channel()) || m.title() == null ? m.body() : m.title() + ": " + m.body();
      return new Outbound(attempt.id(), attempt.phoneE164(), text, m);
    }
    if (attempt.phoneE164() == null) {
      throw new IllegalArgumentException("the attempt has no notice to deliver");
    }
    return new Outbound(attempt.id(), attempt.phoneE164(),
        templates.render(attempt.template(), attempt.language(), attempt.params()));
  }

  /** Provider trouble (5xx, timeouts) trips the breaker; a quota answer or one message refused does not. */
  private static void observe(CircuitBreaker breaker, SendResult result) {
    if (result instanceof SendResult.Transient t && !t.reason().contains("QUOTA_EXCEEDED") && !t.reason().contains("429")) {
      breaker.failed();
    } else {
      breaker.succeeded();
    }
  }

  /**
   * Waits for a token of the provider account's bucket while the claim is young; completes with null
   * when sending may go ahead, otherwise with how long to put the attempt back for.
   */
  private Future<Duration> permit(Channel channel, long deadline) {
    // A tenth of a second of burst: a provider counting per clock second then sees at most the rate
    // plus that, where a full second of burst could double it at a second boundary.
    double rate = options.rateOf(channel.kind());
    long capacity = Math.max(1, (long) (rate / 10));
    return buckets.take(channel.rateLimitKey(), capacity, rate, 1)
        .transform(ar -> {
          if (ar.failed()) {
            LOG.warn("rate limit unavailable ({}); {} sends wait", ar.cause().getMessage(), channel.provider());
            return Future.succeededFuture(Duration.ofSeconds(1));
          }
          TokenBuckets.Decision d = ar.result();
          if (d.allowed()) {
            return Future.succeededFuture(null);
          }
          if (System.nanoTime() + d.retryAfterMillis() * 1_000_000 > deadline) {
            return Future.succeededFuture(Duration.ofMillis(d.retryAfterMillis()));
          }
          return vertx.timer(Math.max(1, d.retryAfterMillis())).compose(t -> permit(channel, deadline));
        });
  }

  private Future<Boolean> record(ClaimedAttempt attempt, Channel channel, int attemptsMade, SendResult result) {
    long id = attempt.id();
    String outcome = outcome(channel, attemptsMade, result);
    events.recorded(channel.kind(), channel.provider(), outcome,
        result instanceof SendResult.Accepted a ? a.costVnd() : 0);
    return switch (result) {
      case SendResult.Accepted a -> attempt.forRecipient()
          ? recipients.accepted(id, a.providerMessageId(), a.segments(), a.costVnd())
          : queue.accepted(id, a.providerMessageId(), a.segments(), a.costVnd());
      case SendResult.Permanent p -> {
        LOG.warn("attempt {} failed at {}: {}", id, channel.provider(), p.reason());
        yield queue.finish(id, "failed", p.reason());
      }
      case SendResult.Transient t when "unknown".equals(outcome) -> {
        LOG.warn("attempt {} is unknown at {}: {}", id, channel.provider(), t.reason());
        yield queue.finish(id, "unknown", t.reason() + "; the provider may have the message and cannot deduplicate, so it was not sent again");
      }
      case SendResult.Transient t when "failed".equals(outcome) ->
          queue.finish(id, "failed", "gave up after " + attemptsMade + " attempts: " + t.reason());
      case SendResult.Transient t -> queue.retryLater(id,
          backoff.delay(attemptsMade, t.retryAfter(), ThreadLocalRandom.current().nextDouble()), t.reason());
    };
  }

  private String outcome(Channel channel, int attemptsMade, SendResult result) {
    return switch (result) {
      case SendResult.Accepted a -> "accepted";
      case SendResult.Permanent p -> "failed";
      case SendResult.Transient t when t.maybeSent() && !channel.idempotent() -> "unknown";
      case SendResult.Transient t when attemptsMade >= options.maxAttempts() -> "failed";
      case SendResult.Transient t -> "retry";
    };
  }
}
