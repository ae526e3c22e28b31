package vn.lienlac.infra.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.api.auth.SigningKey;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.ProjectPaths;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.embedded.EmbeddedRedisServer;

@Command(name = "api", mixinStandardHelpOptions = true,
    description = {"Seeds a district of 100,000 students (scaled by --scale), starts one api process",
        "(`serve --role api`, -Xmx1g) and a separate load-generator process, and measures:",
        "(a) GET /api/v1/me at a steady 5,000 requests/s for 30 s, open loop, after a 10 s warm-up;",
        "(b) 20,000 WebSockets on /api/v1/realtime, the api's heap after a GC with all of them open, and",
        "events published for random connected guardians at 2,000/s for 30 s (after a 10 s warm-up), from",
        "when each was due to be published to its arrival. Warm-ups are 10 s at every scale.",
        "Prints {\"bench\":\"api\",\"me_rps\":…,\"me_p99_ms\":…,\"ws_connections\":…,\"ws_heap_mib\":…,",
        "\"ws_event_p99_ms\":…}. Targets: p99 ≤ 20 ms; heap ≤ 1 GiB; event p99 ≤ 50 ms.",
        "Uses LIENLAC_REDIS_URL when set, otherwise an embedded Redis. The api's log goes to",
        "<data dir>/bench/api-bench.log."})
public final class ApiBench implements Callable<Integer> {

  private static final String OURS = "lienlac_bench_api";
  private static final String DISTRICT = "lienlac_bench_api_district";
  private static final String UNLIMITED = "1000000";

  @Option(names = "--scale", defaultValue = "1.0", description = "Size, rate and duration factor (1.0 = the targets above). Default: ${DEFAULT-VALUE}.")
  double scale;

  @Option(names = "--api-heap", defaultValue = "1g", description = "-Xmx of the api process. Default: ${DEFAULT-VALUE}.")
  String apiHeap;

  @Option(names = "--keep", description = "Keep the benchmark databases afterwards.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    if (scale <= 0 || scale > 10) {
      throw new IllegalArgumentException("--scale must be in (0, 10], got " + scale);
    }
    return SyncedDistrict.measure(OURS, DISTRICT, Math.max(1, (int) Math.round(200 * scale)), keep,
        (ours, district, redisUrl) -> measure(ours, redisUrl));
  }

  private int measure(PgUrl ours, String redisUrl) throws Exception {
    int port = freePort();
    String channel = "lienlac:rt:bench:" + UUID.randomUUID();
    String key = SigningKey.generate().toPem();
    Path log = ProjectPaths.resolve(LienlacConfig.load().string(Setting.DATA_DIR)).resolve("bench").resolve("api-bench.log");
    Files.createDirectories(log.getParent());
    Map<String, String> apiEnv = Map.ofEntries(
        Map.entry(Setting.PG_URL.env(), ours.uri()), Map.entry(Setting.REDIS_URL.env(), redisUrl),
        Map.entry(Setting.JWT_SIGNING_KEY.env(), key), Map.entry(Setting.HTTP_HOST.env(), "127.0.0.1"),
        Map.entry(Setting.HTTP_PORT.env(), Integer.toString(port)), Map.entry(Setting.SHUTDOWN_GRACE.env(), "PT5S"),
        Map.entry(Setting.RATE_LIMIT_USER_PER_SECOND.env(), UNLIMITED), Map.entry(Setting.RATE_LIMIT_USER_BURST.env(), UNLIMITED),
        Map.entry(Setting.RATE_LIMIT_IP_PER_SECOND.env(), UNLIMITED), Map.entry(Setting.RATE_LIMIT_IP_BURST.env(), UNLIMITED),
        Map.entry("LIENLAC_REALTIME_CHANNEL", channel));
    int meRps = Math.max(1, (int) Math.round(5_000 * scale));
    int webSockets = Math.max(1, (int) Math.round(20_000 * scale));
    int eventRps = Math.max(1, (int) Math.round(2_000 * scale));
    List<String> load = List.of("--port", Integer.toString(port), "--pg-url", ours.uri(), "--redis-url", redisUrl,
        "--me-rps", Integer.toString(meRps), "--me-seconds", seconds(30), "--warmup-seconds", "10",
        "--ws", Integer.toString(webSockets), "--event-rps", Integer.toString(eventRps),
        "--event-seconds", seconds(30), "--channel", channel);
    // The warm-up is not scaled: the JIT needs the same number of requests to settle at any scale.

    JsonObject line = new JsonObject().put("bench", "api").putNull("me_rps").putNull("me_p99_ms")
        .putNull("ws_connections").putNull("ws_heap_mib").putNull("ws_event_p99_ms");
    System.err.println("bench: starting the api process (log: " + log + ")");
    Duration cpuAtStart = Duration.ZERO;
    try (ApiProcess api = ApiProcess.start(apiHeap, port, apiEnv, log)) {
      api.awaitReady(Duration.ofSeconds(90));
      try (LoadGenerator generator = LoadGenerator.start(load, Map.of(Setting.JWT_SIGNING_KEY.env(), key))) {
        for (JsonObject report; (report = generator.next()) != null; ) {
          switch (report.getString("phase")) {
            case "me-start" -> cpuAtStart = api.cpuTime();
            case "me" -> {
              line.put("me_rps", report.getValue("me_rps")).put("me_p99_ms", report.getValue("me_p99_ms"));
              // What a request costs the api process, whatever else the machine is doing: capacity on an idle one.
              System.err.printf(Locale.ROOT, "bench: the api process used %.3f ms of CPU per /me request during the measured run%n",
                  (api.cpuTime().minus(cpuAtStart).toNanos() / 1e6) / Math.max(1, report.getLong("requests")));
            }
            case "ws-unavailable" -> System.err.println("bench: no WebSocket figures: " + report.getString("reason"));
            case "ws-connected" -> {
              line.put("ws_connections", report.getValue("ws_connections"));
              long heap = api.heapAfterGcMib();
              System.err.printf("bench: api heap after a GC with %,d WebSockets open: %,d MiB%n",
                  report.getInteger("ws_connections"), heap);
              line.put("ws_heap_mib", heap);
              generator.go();
            }
            case "ws-events" -> line.put("ws_event_p99_ms", report.getValue("ws_event_p99_ms"));
            default -> System.err.println("bench: unexpected report " + report.encode());
          }
        }
      }
    }
    if (line.getValue("me_rps") == null) {
      throw new UserFacingException("the load generator ended without measuring (see above)");
    }
    System.out.println(line.encode());
    return 0;
  }

  /** A duration of the full-size run, scaled, never below 3 s (shorter says nothing). */
  private String seconds(double full) {
    return String.format(Locale.ROOT, "%.1f", Math.max(3, full * scale));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The configured Redis, or an embedded one for this run. */
  record RedisForBench(String url, EmbeddedRedisServer embedded) implements AutoCloseable {
    static RedisForBench open(LienlacConfig config) {
      if (config.has(Setting.REDIS_URL)) {
        return new RedisForBench(config.string(Setting.REDIS_URL), null);
      }
      System.err.println("bench: starting embedded Redis");
      EmbeddedRedisServer redis = EmbeddedRedisServer.start();
      return new RedisForBench(redis.url(), redis);
    }

    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
