package vn.lienlac.infra.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.ProjectPaths;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.infra.runtime.LocalDatabases;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.support.db.PgUrl;

@Command(name = "delivery", mixinStandardHelpOptions = true,
    description = {"1,000,000 push deliveries (scaled by --scale) to guardians with one device each, as messages of",
        "5,000 recipients released at --offered-rate, by 2 workers processes (child JVMs) against the sandbox FCM",
        "in a third process (quota 600,000/min). Run 1: clean. Run 2: 5% UNREGISTERED tokens and a 60-second",
        "outage (503). rate_per_s is the sustained rate (middle 80% of the acceptances); latency runs from release.",
        "Prints per run {\"bench\":\"delivery\",\"deliveries\":…,\"rate_per_s\":…,\"provider_429\":…,",
        "\"queue_to_accept_p99_ms\":…,\"lost\":…,\"non_final\":…}. Targets: ≥ 9,500/s, 0 429s, p99 ≤ 2 s,",
        "nothing lost, every delivery final. Logs in <data dir>/bench/delivery-*.log."})
public final class DeliveryBench implements Callable<Integer> {

  private static final String OURS = "lienlac_bench_delivery";

  @Option(names = "--scale", defaultValue = "1.0", description = "Deliveries factor (1.0 = 1,000,000). Default: ${DEFAULT-VALUE}.")
  double scale;

  @Option(names = "--batch", defaultValue = "500", description = "Attempts a worker claims at once. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--workers-per-process", defaultValue = "2", description = "Worker loops per process. Default: ${DEFAULT-VALUE}.")
  int instances;

  @Option(names = "--only-clean", description = "Skip the second run (token errors and outage).")
  boolean onlyClean;

  @Option(names = "--offered-rate", defaultValue = "9800",
      description = "Deliveries per second released (messages of 5,000 recipients, one after another). Default: ${DEFAULT-VALUE}.")
  double offeredRate;

  @Option(names = "--rate", defaultValue = "9900", description = {"The workers' shared FCM send rate (token bucket).",
      "9,900/s with a tenth of a second of burst stays under 600,000 in any minute. Default: ${DEFAULT-VALUE}."})
  double rate;

  @Override
  public Integer call() throws Exception {
    if (scale <= 0 || scale > 10) {
      throw new IllegalArgumentException("--scale must be in (0, 10], got " + scale);
    }
    LienlacConfig config = LienlacConfig.load();
    if (!config.has(Setting.REDIS_URL)) {
      throw new UserFacingException("bench delivery needs LIENLAC_REDIS_URL (the workers share its token bucket)");
    }
    int deliveries = Math.max(100, (int) Math.round(1_000_000 * scale));
    Path logs = ProjectPaths.resolve(config.string(Setting.DATA_DIR)).resolve("bench");
    Files.createDirectories(logs);
    try (BenchServer server = BenchServer.open(config)) {
      List<JsonObject> lines = new ArrayList<>();
      lines.add(run(server, config, logs, deliveries, false));
      if (!onlyClean) {
        lines.add(run(server, config, logs, deliveries, true));
      }
      lines.forEach(l -> System.out.println(l.encode()));
    }
    return 0;
  }

  private JsonObject run(BenchServer server, LienlacConfig config, Path logs, int deliveries, boolean faults)
      throws Exception {
    LocalDatabases.create(server.server(), OURS, true);
    PgUrl ours = server.database(OURS);
    List<Process> children = new ArrayList<>();
    try {
      ModuleMigrations.of(ours).migrate();
      System.err.printf("bench: seeding a message to %,d guardians with one device each%n", deliveries);
      DeliveryBenchData.seed(ours, deliveries);
      int port = freePort();
      String sandbox = "http://127.0.0.1:" + port;
      children.add(child(logs.resolve("delivery-sandbox.log"), "-Xmx1g", "sandbox", "--port", Integer.toString(port)));
      awaitHttp(sandbox + "/sandbox/control", Duration.ofSeconds(60));
      control(sandbox, new JsonObject().put("provider", "fcm").put("reset", true).put("quotaPerMinute", 600_000));
      String prefix = "lienlac:bench:delivery:" + UUID.randomUUID() + ":";
      for (int i = 0; i < 2; i++) {
        Process w = child(logs.resolve("delivery-worker-" + i + ".log"), "-Xmx1g", "bench", "delivery-worker",
            "--pg-url", ours.uri(), "--redis-url", config.string(Setting.REDIS_URL), "--sandbox-url", sandbox,
            "--bucket-prefix", prefix, "--batch", Integer.toString(batch), "--instances", Integer.toString(instances),
            "--rate", Double.toString(rate));
        children.add(w);
      }
      for (int i = 0; i < 2; i++) {
        awaitReady(logs.resolve("delivery-worker-" + i + ".log"), children.get(1 + i), Duration.ofSeconds(180));
      }
      if (faults) {
        control(sandbox, new JsonObject().put("provider", "fcm").put("errorRates", new JsonObject().put("UNREGISTERED", 0.05)));
      }
      int messages = DeliveryBenchData.messages(deliveries);
      System.err.printf("bench: releasing %d messages of up to %,d recipients at %,.0f deliveries/s%s%n", messages,
          DeliveryBenchData.PER_MESSAGE, offeredRate, faults ? " (5% UNREGISTERED, outage after 2 s)" : "");
      long start = System.nanoTime();
      long nanosPerMessage = (long) (DeliveryBenchData.PER_MESSAGE / offeredRate * 1e9);
      boolean outageStarted = false;
      // Bounded so that the full-scale run (both phases) ends within 10 minutes: a pipeline slower than
      // that is reported with its non-final deliveries instead of waited for.
      Duration patience = Duration.ofSeconds(Math.max(180, (long) (deliveries / offeredRate) + (faults ? 240 : 90)));
      int released = 0;
      long nextReport = start;
      DeliveryBenchData.Progress p;
      try (var c = DeliveryBenchData.connect(ours)) {
        while (true) {
          long now = System.nanoTime();
          while (released < messages && now - start >= released * nanosPerMessage) {
            DeliveryBenchData.release(c, ++released);
          }
          if (faults && !outageStarted && now - start > 2_000_000_000L) {
            control(sandbox, new JsonObject().put("provider", "fcm").put("outage", new JsonObject().put("seconds", 60)));
            outageStarted = true;
            System.err.println("bench: FCM outage for 60 s");
          }
          if (now < nextReport) {
            Thread.sleep(Math.max(1, Math.min(nextReport - now, nanosPerMessage) / 1_000_000));
            continue;
          }
          // The progress query counts every attempt: at full scale it is not free on 2 cores, so less often.
          nextReport = now + (deliveries >= 250_000 ? 5_000_000_000L : 1_000_000_000L);
          p = DeliveryBenchData.progress(ours);
          System.err.printf("bench: %d/%d messages released, %,d accepted, %,d failed, %,d open after %d s%n", released,
              messages, p.accepted(), p.failed(), p.open(), Duration.ofNanos(now - start).toSeconds());
          if ((released == messages && p.open() == 0 && p.recipientsWaiting() == 0) || now - start > patience.toNanos()) {
            break;
          }
        }
      }
      JsonObject fcm = get(sandbox + "/sandbox/fcm");
      JsonObject m = DeliveryBenchData.measure(ours);
      return new JsonObject().put("bench", "delivery").put("run", faults ? "faults" : "clean")
          .put("deliveries", deliveries).put("rate_per_s", m.getValue("rate_per_s"))
          .put("overall_rate_per_s", m.getValue("overall_rate_per_s"))
          .put("provider_429", fcm.getLong("throttled")).put("queue_to_accept_p99_ms", m.getValue("p99_ms"))
          .put("lost", m.getValue("lost")).put("non_final", m.getValue("non_final"));
    } finally {
      for (Process c : children) {
        c.destroyForcibly();
        c.waitFor();
      }
      LocalDatabases.drop(server.server(), OURS);
    }
  }

  private static Process child(Path log, String heap, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), heap,
        "-cp", System.getProperty("java.class.path"), "vn.lienlac.infra.launcher.Main"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    return p;
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static void control(String sandbox, JsonObject body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/control"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new UserFacingException("the sandbox refused " + body.encode() + ": " + r.body());
    }
  }

  private static JsonObject get(String url) throws Exception {
    return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static void awaitHttp(String url, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    throw new UserFacingException("the sandbox did not start (see its log)");
  }

  /** The workers process prints "ready" once its verticles run: the clock starts after JVM start-up. */
  private static void awaitReady(Path log, Process worker, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!worker.isAlive()) {
        throw new UserFacingException("a workers process ended (see " + log + ")");
      }
      if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch("ready"::equals)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new UserFacingException("a workers process was not ready within " + patience.toSeconds() + " s (see " + log + ")");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
