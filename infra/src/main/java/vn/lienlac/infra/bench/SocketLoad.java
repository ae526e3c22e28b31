package vn.lienlac.infra.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many realtime WebSockets held open at once, and events published for randomly chosen connected
 * users at a fixed rate; the latency of an event is from when it was due to be published (its
 * {@code sentAt}, epoch microseconds) to when its WebSocket frame arrives here.
 */
final class SocketLoad {

  /** Why the realtime endpoint could not be used at all (e.g. 404 before it exists). */
  static final class Unavailable extends RuntimeException {
    Unavailable(String why) {
      super(why);
    }
  }

  record Result(long published, long publishFailed, long received, Latencies latencies) {}

  private static final int HANDSHAKES_AT_ONCE = 200;
  private final Vertx vertx;
  private final WebSocketClient client;
  private final int port;
  private final List<String> connectedSubjects = Collections.synchronizedList(new ArrayList<>());
  private final List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
  /** Each publishing run tags its events; frames of an earlier run (the warm-up) are not counted. */
  private volatile int run;
  private volatile Latencies latencies = new Latencies();
  private final AtomicLong received = new AtomicLong();
  private final AtomicInteger closedEarly = new AtomicInteger();

  SocketLoad(Vertx vertx, int port, int connections) {
    this.vertx = vertx;
    this.port = port;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(connections + 16)
        .setConnectTimeout(30_000).setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  /**
   * Opens one WebSocket per (subject, token), at most {@value #HANDSHAKES_AT_ONCE} handshakes at a
   * time; a connection counts once the server said {@code ready}. Fails with {@link Unavailable} when
   * the server refuses the upgrade with 404 (no realtime endpoint).
   */
  Future<Integer> connect(List<String> subjects, List<String> tokens) {
    Promise<Integer> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    int total = subjects.size();
    Runnable[] openNext = new Runnable[1];
    openNext[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= total) {
        return;
      }
      open(subjects.get(i), tokens.get(i)).onComplete(opened -> {
        if (opened.failed()) {
          if (opened.cause() instanceof UpgradeRejectedException rejected && rejected.getStatus() == 404) {
            done.tryFail(new Unavailable("the server has no /api/v1/realtime endpoint (upgrade answered 404)"));
            return;
          }
          if (failed.incrementAndGet() <= 5) {
            System.err.println("bench: a WebSocket did not open: " + opened.cause());
          }
        }
        int n = finished.incrementAndGet();
        if (n % 2_000 == 0) {
          System.err.printf("bench: %,d of %,d WebSockets opened%n", connectedSubjects.size(), total);
        }
        if (n == total) {
          done.tryComplete(connectedSubjects.size());
        } else if (!done.future().isComplete()) {
          openNext[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(HANDSHAKES_AT_ONCE, total); i++) {
      openNext[0].run();
    }
    if (total == 0) {
      done.complete(0);
    }
    return done.future();
  }

  private Future<Void> open(String subject, String token) {
    Promise<Void> ready = Promise.promise();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/api/v1/realtime").addSubProtocol("lienlac.v1").addSubProtocol("bearer." + token);
    client.connect(options).onFailure(ready::tryFail).onSuccess(ws -> {
      sockets.add(ws);
      ws.textMessageHandler(text -> onFrame(subject, text, ready));
      ws.closeHandler(v -> {
        if (!ready.tryFail("closed before ready")) {
          closedEarly.incrementAndGet();
        }
      });
    });
    return ready.future();
  }

  private void onFrame(String subject, String text, Promise<Void> ready) {
    JsonObject frame = new JsonObject(text);
    String type = frame.getString("type");
    if ("ready".equals(type)) {
      if (!ready.future().isComplete()) {
        connectedSubjects.add(subject); // before completing: completion may be what counts the last one
        ready.tryComplete();
      }
    } else if ("event".equals(type)) {
      JsonObject data = frame.getJsonObject("data");
      if (data != null && data.containsKey("sentAt") && data.getInteger("run", -1) == run) {
        latencies.record(epochMicros() - data.getLong("sentAt"));
        received.incrementAndGet();
      }
    }
  }

  /**
   * Publishes {@code rate} events per second for {@code seconds} through {@code publisher}, each for a
   * random connected user, then waits up to {@code drainSeconds} for the last ones to arrive.
   */
  Future<Result> publish(EventPublisher publisher, int rate, double seconds, double drainSeconds) {
    int thisRun = ++run;
    Latencies latencies = new Latencies();
    this.latencies = latencies;
    received.set(0);
    List<String> subjects = List.copyOf(connectedSubjects);
    long total = subjects.isEmpty() ? 0 : Math.max(1, Math.round(rate * seconds));
    double intervalNanos = 1e9 / rate;
    AtomicLong published = new AtomicLong();
    AtomicLong publishFailed = new AtomicLong();
    Promise<Result> done = Promise.promise();
    long startNanos = System.nanoTime();
    long startMicros = epochMicros();
    long[] sent = {0};
    vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      while (sent[0] < total && startNanos + (long) (sent[0] * intervalNanos) <= now) {
        long dueMicros = startMicros + (long) (sent[0] * intervalNanos / 1_000);
        sent[0]++;
        String subject = subjects.get(ThreadLocalRandom.current().nextInt(subjects.size()));
        publisher.publish(subject, new JsonObject().put("sentAt", dueMicros).put("run", thisRun))
            .onSuccess(id -> published.incrementAndGet())
            .onFailure(e -> {
              if (publishFailed.incrementAndGet() <= 5) {
                System.err.println("bench: publishing an event failed: " + e);
              }
            });
      }
      if (sent[0] >= total) {
        vertx.cancelTimer(timer);
        long deadline = System.nanoTime() + (long) (drainSeconds * 1e9);
        vertx.setPeriodic(50, wait -> {
          boolean allSettled = published.get() + publishFailed.get() >= total;
          if ((allSettled && received.get() >= published.get()) || System.nanoTime() > deadline) {
            vertx.cancelTimer(wait);
            done.complete(new Result(published.get(), publishFailed.get(), received.get(), latencies));
          }
        });
      }
    });
    return done.future();
  }

  int closedEarly() {
    return closedEarly.get();
  }

  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (sockets) {
      sockets.forEach(ws -> closing.add(ws.close().otherwiseEmpty()));
    }
    return Future.join(closing).transform(v -> client.close());
  }

  static long epochMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  /** Where events come from: the realtime module's publisher, reached as the api's producers reach it. */
  interface EventPublisher {
    Future<?> publish(String subject, JsonObject data);
  }
}
