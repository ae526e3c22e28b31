package vn.lienlac.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
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
import vn.lienlac.delivery.impl.BatchOutcomes;
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
        .compose(claimed -> deliverBatch(claimed).map(v -> claimed.size() == options.batchSize()));
  }

  /**
   * Sends a claimed batch, each channel's part concurrently, and writes every outcome at the end in one
   * transaction of set-based statements. Sends wait for rate-limit tokens only while the claim is young
   * (half the lease); the rest goes back to the queue, so a batch never outlives its lease.
   */
  private Future<Void> deliverBatch(List<ClaimedAttempt> claimed) {
    if (claimed.isEmpty()) {
      return Future.succeededFuture();
    }
    long deadline = System.nanoTime() + options.lease().toNanos() / 2;
    BatchOutcomes outcomes = new BatchOutcomes();
    Map<Channel, List<Ready>> byChannel = new LinkedHashMap<>();
    for (ClaimedAttempt attempt : claimed) {
      try {
        byChannel.computeIfAbsent(channels.get(attempt.channel()), c -> new ArrayList<>())
            .add(new Ready(attempt, outbound(attempt)));
      } catch (IllegalArgumentException e) {
        outcomes.finish(attempt.id(), "failed", e.getMessage());
      }
    }
    List<Future<Void>> sends = new ArrayList<>();
    byChannel.forEach((channel, ready) -> sends.add(sendWithPermits(channel, ready, deadline, outcomes)));
    return Future.join(sends).transform(v -> writeOutcomes(outcomes, 3)).andThen(ar -> logFailures(outcomes));
  }

  /** An attempt with what it sends. */
  private record Ready(ClaimedAttempt attempt, Outbound outbound) {}

  /** Sends in chunks as the shared bucket grants tokens (one Redis call per chunk, not per send). */
  private Future<Void> sendWithPermits(Channel channel, List<Ready> ready, long deadline, BatchOutcomes outcomes) {
    if (ready.isEmpty()) {
      return Future.succeededFuture();
    }
    double rate = options.rateOf(channel.kind());
    // A tenth of a second of burst: a provider counting per clock second then sees at most the rate
    // plus that, where a full second of burst could double it at a second boundary.
    long capacity = Math.max(1, (long) (rate / 10));
    long wanted = Math.min(ready.size(), capacity);
    long least = Math.max(1, Math.min(wanted, capacity / 10));
    return buckets.takeUpTo(channel.rateLimitKey(), capacity, rate, least, wanted).transform(ar -> {
      if (ar.failed()) {
        LOG.warn("rate limit unavailable ({}); {} sends wait", ar.cause().getMessage(), channel.provider());
        return putBack(channel, ready, Duration.ofSeconds(1), outcomes);
      }
      TokenBuckets.Grant grant = ar.result();
      if (grant.granted() == 0) {
        long wait = Math.max(1, grant.retryAfterMillis());
        return System.nanoTime() + wait * 1_000_000 > deadline
            ? putBack(channel, ready, Duration.ofMillis(wait), outcomes)
            : vertx.timer(wait).compose(t -> sendWithPermits(channel, ready, deadline, outcomes));
      }
      int n = (int) grant.granted();
      return sendChunk(channel, ready.subList(0, n), outcomes)
          .compose(v -> sendWithPermits(channel, ready.subList(n, ready.size()), deadline, outcomes));
    });
  }

  private Future<Void> putBack(Channel channel, List<Ready> ready, Duration wait, BatchOutcomes outcomes) {
    events.recorded(channel.kind(), channel.provider(), "rate_limited", 0);
    ready.forEach(r -> outcomes.retryLater(r.attempt().id(), wait,
        "waiting for the " + channel.provider() + " rate limit"));
    return Future.succeededFuture();
  }

  /** One chunk whose tokens are taken: breaker, {@code sending} in one statement, concurrent sends. */
  private Future<Void> sendChunk(Channel channel, List<Ready> chunk, BatchOutcomes outcomes) {
    CircuitBreaker breaker = breakers.get(channel.provider());
    List<Ready> allowed = new ArrayList<>(chunk.size());
    for (Ready r : chunk) {
      if (breaker.allow()) {
        allowed.add(r);
        continue;
      }
      events.recorded(channel.kind(), channel.provider(), "held", 0);
      Duration until = breaker.remainingCooldown().plusMillis(100);
      String reason = "circuit_open: " + channel.provider() + " is failing; held back";
      if (r.attempt().forRecipient()) {
        outcomes.held(r.attempt().id(), until, reason);
      } else {
        outcomes.retryLater(r.attempt().id(), until, reason);
      }
    }
    if (allowed.isEmpty()) {
      return Future.succeededFuture();
    }
    return queue.markSending(allowed.stream().map(r -> r.attempt().id()).toList(), channel.provider(), options.lease())
        .compose(ours -> {
          List<Ready> sending = allowed.stream().filter(r -> ours.contains(r.attempt().id())).toList();
          if (sending.isEmpty()) {
            return Future.<Void>succeededFuture();
          }
          return channel.sendAll(sending.stream().map(Ready::outbound).toList()).map(results -> {
            for (int i = 0; i < sending.size(); i++) {
              ClaimedAttempt attempt = sending.get(i).attempt();
              observe(breaker, results.get(i));
              record(attempt, channel, attempt.attemptsMade() + 1, results.get(i), outcomes);
            }
            return (Void) null;
          }).recover(e -> {
            LOG.warn("{} sends via {} failed ({}); their lease will return them", sending.size(), channel.provider(),
                e.getMessage());
            return Future.succeededFuture();
          });
        }, e -> {
          LOG.warn("{} attempts could not be marked sending ({}); their lease will return them", allowed.size(),
              e.getMessage());
          return Future.succeededFuture();
        });
  }

  /**
   * One transaction for the whole batch. A failure (e.g. a deadlock with the dispatcher's count updates)
   * rolls it all back, so it is simply written again; if that keeps failing the lease returns the batch.
   */
  private Future<Void> writeOutcomes(BatchOutcomes outcomes, int triesLeft) {
    if (outcomes.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.<Void>withTransaction(tx -> queue.record(tx, outcomes).compose(v -> recipients.record(tx, outcomes)))
        .recover(e -> {
          if (triesLeft > 1) {
            LOG.info("writing a batch's outcomes failed ({}); writing it again", e.getMessage());
            return writeOutcomes(outcomes, triesLeft - 1);
          }
          LOG.warn("a batch's outcomes could not be written ({}); its lease will return it", e.getMessage());
          return Future.succeededFuture();
        });
  }

  /** One line per batch, not per delivery: at 10,000 sends/s per-delivery logging is its own load. */
  private static void logFailures(BatchOutcomes outcomes) {
    if (outcomes.finished().isEmpty()) {
      return;
    }
    Map<String, Long> byReason = new java.util.TreeMap<>();
    outcomes.finished().forEach(f -> byReason.merge(f.state() + ": " + shortReason(f.reason()), 1L, Long::sum));
    LOG.warn("{} attempts ended without acceptance (first {}): {}", outcomes.finished().size(),
        outcomes.finished().getFirst().id(), byReason);
  }

  private static String shortReason(String reason) {
    return reason == null ? "" : reason.length() > 80 ? reason.substring(0, 80) : reason;
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

  private void record(ClaimedAttempt attempt, Channel channel, int attemptsMade, SendResult result,
                      BatchOutcomes outcomes) {
    long id = attempt.id();
    String outcome = outcome(channel, attemptsMade, result);
    events.recorded(channel.kind(), channel.provider(), outcome,
        result instanceof SendResult.Accepted a ? a.costVnd() : 0);
    switch (result) {
      case SendResult.Accepted a -> outcomes.accepted(attempt, a.providerMessageId(), a.segments(), a.costVnd());
      case SendResult.Permanent p -> outcomes.finish(id, "failed", p.reason());
      case SendResult.Transient t when "unknown".equals(outcome) -> outcomes.finish(id, "unknown",
          t.reason() + "; the provider may have the message and cannot deduplicate, so it was not sent again");
      case SendResult.Transient t when "failed".equals(outcome) ->
          outcomes.finish(id, "failed", "gave up after " + attemptsMade + " attempts: " + t.reason());
      case SendResult.Transient t -> outcomes.retryLater(id,
          backoff.delay(attemptsMade, t.retryAfter(), ThreadLocalRandom.current().nextDouble()), t.reason());
    }
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
