package vn.lienlac.infra.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Any API request at a fixed rate, open loop (as {@link MeLoad} does for {@code /me}): request i is due
 * at {@code start + i / rate} whatever happened to earlier ones, and its latency counts from then.
 */
final class OpenLoop {

  /** One request: method, path, bearer token, JSON body or null. */
  record Call(HttpMethod method, String uri, String token, String body) {}

  /** Latencies of the answers; {@code ok} counts 2xx answers. */
  record Result(long ok, long notOk, long failed, Latencies latencies) {}

  private final Vertx vertx;
  private final HttpClientAgent client;

  OpenLoop(Vertx vertx, int port, int connections) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
            .setKeepAlive(true).setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** One request now; completes with its status and body. */
  Future<Answer> call(Call call) {
    RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.uri())
        .putHeader("Authorization", "Bearer " + call.token()).setIdleTimeout(30_000);
    if (call.body() != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return client.request(options)
        .compose(request -> (call.body() == null ? request.send() : request.send(Buffer.buffer(call.body())))
            .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString()))));
  }

  record Answer(int status, String body) {}

  /** Runs {@code rate} calls per second for {@code seconds}; {@code calls} makes call number i. */
  Future<Result> run(int rate, double seconds, LongFunction<Call> calls) {
    long total = Math.max(1, Math.round(rate * seconds));
    double intervalNanos = 1e9 / rate;
    Latencies latencies = new Latencies();
    AtomicLong ok = new AtomicLong();
    AtomicLong notOk = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong answered = new AtomicLong();
    Promise<Result> done = Promise.promise();
    long start = System.nanoTime();
    long[] sent = {0};
    vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      while (sent[0] < total && start + (long) (sent[0] * intervalNanos) <= now) {
        long due = start + (long) (sent[0] * intervalNanos);
        Call call = calls.apply(sent[0]);
        sent[0]++;
        call(call).onComplete(answer -> {
          if (answer.succeeded()) {
            latencies.record((System.nanoTime() - due) / 1_000);
            (answer.result().status() / 100 == 2 ? ok : notOk).incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
          if (answered.incrementAndGet() == total) {
            done.tryComplete(new Result(ok.get(), notOk.get(), failed.get(), latencies));
          }
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
