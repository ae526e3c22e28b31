package vn.lienlac.infra.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/v1/me} at a fixed rate, open loop: request i is due at {@code start + i / rate}
 * whether or not earlier ones were answered, and its latency counts from when it was due, so a
 * server that stalls is charged for the requests it held up (no coordinated omission). HTTP/1.1
 * keep-alive over a pool of connections, each request as a random guardian.
 */
final class MeLoad {

  /** Result of one run: answers with 200 per second of the run, latencies of every answer. */
  record Result(double okPerSecond, long ok, long notOk, long failed, Latencies latencies) {}

  private static final long TICK_MS = 1;
  private final Vertx vertx;
  private final HttpClientAgent client;
  private final List<String> tokens;

  MeLoad(Vertx vertx, int port, int connections, List<String> tokens) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
            .setKeepAlive(true).setPipelining(false).setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Runs {@code rate} requests per second for {@code seconds}; completes when every answer is in. */
  Future<Result> run(int rate, double seconds) {
    long total = Math.max(1, Math.round(rate * seconds));
    double intervalNanos = 1e9 / rate;
    Latencies latencies = new Latencies();
    AtomicLong ok = new AtomicLong();
    AtomicLong notOk = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong answered = new AtomicLong();
    AtomicLong lastAnswer = new AtomicLong();
    Promise<Result> done = Promise.promise();
    long start = System.nanoTime();
    long[] sent = {0};
    Runnable finishIfDone = () -> {
      if (answered.get() == total) {
        double elapsed = Math.max(seconds, (lastAnswer.get() - start) / 1e9);
        done.tryComplete(new Result(ok.get() / elapsed, ok.get(), notOk.get(), failed.get(), latencies));
      }
    };
    vertx.setPeriodic(TICK_MS, timer -> {
      long now = System.nanoTime();
      while (sent[0] < total && start + (long) (sent[0] * intervalNanos) <= now) {
        long due = start + (long) (sent[0] * intervalNanos);
        sent[0]++;
        String token = tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/v1/me")
                .putHeader("Authorization", "Bearer " + token).setIdleTimeout(10_000))
            .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
            .onComplete(answer -> {
              long at = System.nanoTime();
              lastAnswer.accumulateAndGet(at, Math::max);
              if (answer.succeeded()) {
                latencies.record((at - due) / 1_000);
                (answer.result() == 200 ? ok : notOk).incrementAndGet();
              } else {
                failed.incrementAndGet();
              }
              answered.incrementAndGet();
              finishIfDone.run();
            });
      }
      if (sent[0] == total) {
        vertx.cancelTimer(timer);
      }
    });
    return done.future();
  }

  Future<Void> close() {
    return client.close();
  }
}
