package vn.lienlac.infra.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.api.auth.AccessTokens;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.SigningKey;

/**
 * The load generator of {@code bench api}, in its own JVM so that it does not share a heap or JIT with
 * the api process it measures. Speaks to the parent in JSON lines on stdout ({@code phase} says which)
 * and waits for {@code go} on stdin between opening the WebSockets and publishing, so the parent can
 * measure the api's heap with every connection open and nothing else going on. Access tokens are
 * minted here for real guardians of the directory with the api's signing key
 * ({@code LIENLAC_JWT_SIGNING_KEY}, from the environment so that it never shows in a process list).
 */
@Command(name = "api-load", hidden = true)
public final class ApiLoadProcess implements Callable<Integer> {

  static final String GUARDIANS = "SELECT id FROM directory.guardian ORDER BY random() LIMIT $1";

  @Option(names = "--port", required = true) int port;
  @Option(names = "--pg-url", required = true) String pgUrl;
  @Option(names = "--redis-url", required = true) String redisUrl;
  @Option(names = "--me-rps", required = true) int meRps;
  @Option(names = "--me-seconds", required = true) double meSeconds;
  @Option(names = "--warmup-seconds", required = true) double warmupSeconds;
  @Option(names = "--connections", defaultValue = "256") int connections;
  @Option(names = "--ws", required = true) int webSockets;
  @Option(names = "--event-rps", required = true) int eventRps;
  @Option(names = "--event-seconds", required = true) double eventSeconds;
  @Option(names = "--channel", defaultValue = "lienlac:rt") String channel;

  @Override
  public Integer call() throws Exception {
    SigningKey key = SigningKey.fromPem(System.getenv("LIENLAC_JWT_SIGNING_KEY"));
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(16))
        .connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
    Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl).setMaxPoolSize(8)
        .setMaxPoolWaiting(10_000));
    try {
      int guardians = Math.max(webSockets, 1_000);
      List<Long> ids = new ArrayList<>();
      for (Row row : pool.preparedQuery(GUARDIANS).execute(Tuple.of(guardians)).await(60, TimeUnit.SECONDS)) {
        ids.add(row.getLong(0));
      }
      AccessTokens tokens = new AccessTokens(key, Duration.ofHours(2), Clock.systemUTC());
      List<String> subjects = new ArrayList<>();
      List<String> bearer = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        Caller guardian = Caller.guardian(ids.get(i), "bench-" + i);
        subjects.add(guardian.subject());
        bearer.add(tokens.issue(guardian));
      }
      System.err.printf("bench: %,d access tokens minted for random guardians%n", bearer.size());

      meLoad(vertx, bearer);
      socketLoad(vertx, pool, redis, subjects.subList(0, Math.min(webSockets, subjects.size())),
          bearer.subList(0, Math.min(webSockets, bearer.size())));
      return 0;
    } finally {
      pool.close();
      redis.close();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private void meLoad(Vertx vertx, List<String> bearer) throws Exception {
    MeLoad me = new MeLoad(vertx, port, connections, bearer);
    System.err.printf("bench: warming up: GET /api/v1/me at %,d/s for %.0f s (not measured)%n", meRps, warmupSeconds);
    me.run(meRps, warmupSeconds).await();
    System.err.printf("bench: GET /api/v1/me at %,d/s for %.0f s, open loop%n", meRps, meSeconds);
    say(new JsonObject().put("phase", "me-start"));
    MeLoad.Result result = me.run(meRps, meSeconds).await();
    me.close().await();
    System.err.printf("bench: /me: %,d × 200, %,d other status, %,d failed; %s%n", result.ok(), result.notOk(),
        result.failed(), result.latencies().summary());
    say(new JsonObject().put("phase", "me").put("requests", result.ok() + result.notOk() + result.failed())
        .put("me_rps", Latencies.round(result.okPerSecond()))
        .put("me_p99_ms", result.latencies().percentileMillis(99)));
  }

  private void socketLoad(Vertx vertx, Pool pool, Redis redis, List<String> subjects, List<String> bearer)
      throws Exception {
    long maxFiles = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
    if (maxFiles < subjects.size() + 200L) {
      System.err.printf("bench: this process may open only %,d files (ulimit -n): fewer than %,d WebSockets will open%n",
          maxFiles, subjects.size());
    }
    RealtimePublisher publisher;
    SocketLoad sockets = new SocketLoad(vertx, port, subjects.size());
    int connected;
    try {
      publisher = RealtimePublisher.create(pool, redis, channel);
      System.err.printf("bench: opening %,d WebSockets to /api/v1/realtime%n", subjects.size());
      connected = sockets.connect(subjects, bearer).await();
    } catch (SocketLoad.Unavailable e) {
      say(new JsonObject().put("phase", "ws-unavailable").put("reason", e.getMessage()));
      sockets.close().await();
      return;
    }
    System.err.printf("bench: %,d WebSockets open and ready%n", connected);
    say(new JsonObject().put("phase", "ws-connected").put("ws_connections", connected));
    BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"go".equals(parent.readLine())) {
      sockets.close().await();
      return;
    }
    System.err.printf("bench: warming up: %,d events/s for %.0f s (not measured)%n", eventRps, warmupSeconds);
    sockets.publish(publisher, eventRps, warmupSeconds, 10).await();
    System.err.printf("bench: publishing %,d events/s for random connected guardians for %.0f s%n", eventRps, eventSeconds);
    SocketLoad.Result result = sockets.publish(publisher, eventRps, eventSeconds, 10).await();
    System.err.printf("bench: events: %,d published, %,d failed to publish, %,d received; %d sockets closed early; %s%n",
        result.published(), result.publishFailed(), result.received(), sockets.closedEarly(), result.latencies().summary());
    say(new JsonObject().put("phase", "ws-events").put("ws_event_p99_ms", result.latencies().percentileMillis(99))
        .put("published", result.published()).put("received", result.received()));
    sockets.close().await();
  }

  private static void say(JsonObject line) {
    System.out.println(line.encode());
    System.out.flush();
  }
}
