package vn.lienlac.infra.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vn.lienlac.api.auth.SigningKey;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.infra.runtime.LocalDatabases;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.embedded.EmbeddedRedisServer;
import vn.lienlac.payment.intake.SePayNotification;

/**
 * The webhook intake half of {@code bench recon}, deployed as in production: an api process
 * ({@code serve --role api}) takes signed SePay webhooks from an open-loop load generator at a steady rate,
 * and a workers process ({@code serve --role workers}) reconciles them. Every webhook pays one issued
 * invoice (its reference in a mangled memo), so each is applied with its ledger entries and receipt. Each
 * request has a scheduled send time and its latencies count from then (a stalled server is charged for the
 * requests it delayed). {@code ack} is until the 200 (sent only after the commit); {@code apply} is until
 * the row is seen out of {@code recon_state = 'new'} (polled every {@value #POLL_MS} ms, so it may be
 * over-stated by up to that much, never under-stated).
 */
final class IntakeBench {

  record Result(double rps, double ackP99Ms, double applyP99Ms, String applyUntil, int failed) {}

  private static final String DB = "lienlac_bench_intake";
  private static final String DISTRICT_DB = "lienlac_bench_intake_district";
  static final int POLL_MS = 20;
  private static final String ACCOUNT = "0071001104341";
  private static final String SECRET = "bench-sepay-hmac-secret";

  private IntakeBench() {}

  static Result run(LienlacConfig config, int transactions, double rate) throws Exception {
    try (BenchServer server = BenchServer.open(config)) {
      LocalDatabases.create(server.server(), DB, true);
      LocalDatabases.create(server.server(), DISTRICT_DB, true);
      PgUrl ours = server.database(DB);
      PgUrl district = server.database(DISTRICT_DB);
      EmbeddedRedisServer embeddedRedis = config.has(Setting.REDIS_URL) ? null : EmbeddedRedisServer.start();
      String redisUrl = embeddedRedis == null ? config.string(Setting.REDIS_URL) : embeddedRedis.url();
      Process api = null;
      Process workers = null;
      File apiLog = File.createTempFile("lienlac-bench-intake-api", ".log");
      File workersLog = File.createTempFile("lienlac-bench-intake-workers", ".log");
      try {
        ModuleMigrations.of(ours).migrate();
        IntakeInvoices.emptyDistrict(district);
        LocalDatabases.value(ours, "INSERT INTO payment.collection_account (school_code, bin, account_number)"
            + " VALUES ('BENCH', '970436', '" + ACCOUNT + "') RETURNING school_code");
        int warmup = warmupOf(transactions);
        System.err.printf("bench: issuing %,d invoices, one for each webhook%n", warmup + transactions);
        IntakeInvoices.issue(ours, "BENCH", warmup + transactions);
        int port = freePort();
        api = startServe("api", ours, district, redisUrl, port, apiLog);
        workers = startServe("workers", ours, district, redisUrl, freePort(), workersLog);
        awaitReady(port, api, apiLog);
        if (!workers.isAlive()) {
          throw new UserFacingException("the workers process exited: " + tail(workersLog));
        }
        return load(ours, port, warmup, transactions, rate);
      } finally {
        for (Process p : new Process[] {api, workers}) {
          if (p != null) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
          }
        }
        if (embeddedRedis != null) {
          embeddedRedis.close();
        }
        LocalDatabases.drop(server.server(), DB);
        LocalDatabases.drop(server.server(), DISTRICT_DB);
        Files.deleteIfExists(apiLog.toPath());
        Files.deleteIfExists(workersLog.toPath());
      }
    }
  }

  static int warmupOf(int transactions) {
    return Math.max(500, transactions / 4);
  }

  private static Process startServe(String role, PgUrl ours, PgUrl district, String redisUrl, int port, File log)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
        "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"), "vn.lienlac.infra.launcher.Main", "serve", "--role", role)
        .redirectErrorStream(true).redirectOutput(log);
    Map<String, String> env = pb.environment();
    env.put("LIENLAC_PG_URL", ours.uri());
    env.put("LIENLAC_DISTRICT_PG_URL", district.uri());
    // The bench's invoices have no guardians, so no notice is sent; the workers role still wants an SMS
    // provider configured. Nothing listens on this address.
    env.put("LIENLAC_ESMS_BASE_URL", "http://127.0.0.1:9");
    env.put("LIENLAC_ESMS_API_KEY", "bench");
    env.put("LIENLAC_ESMS_SECRET_KEY", "bench");
    env.put("LIENLAC_ESMS_BRANDNAME", "LIENLAC");
    env.put("LIENLAC_REDIS_URL", redisUrl);
    env.put("LIENLAC_HTTP_HOST", "127.0.0.1");
    env.put("LIENLAC_HTTP_PORT", Integer.toString(port));
    env.put("LIENLAC_JWT_SIGNING_KEY", SigningKey.generate().toPem());
    env.put("LIENLAC_SEPAY_WEBHOOK_HMAC_SECRET", SECRET);
    env.put("LIENLAC_LOG_FORMAT", "text");
    System.err.println("bench: starting the " + role + " process (serve --role " + role + ")");
    return pb.start();
  }

  private static void awaitReady(int port, Process api, File log) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      if (!api.isAlive()) {
        throw new UserFacingException("the api process exited: " + tail(log));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(250);
    }
    throw new UserFacingException("the api process was not ready within 120 s: " + tail(log));
  }

  private static Result load(PgUrl ours, int port, int warmup, int transactions, double rate) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
          .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(-1));
      AppliedWatch applied = AppliedWatch.start(vertx, ours, POLL_MS);
      System.err.printf("bench: warm-up %,d webhooks at %.0f/s (not measured)%n", warmup, rate / 2);
      run(vertx, http, "W", 0, warmup, rate / 2);
      applied.awaitAll(warmup, Duration.ofSeconds(60));
      System.err.printf("bench: %,d signed SePay webhooks at %.0f/s, open loop%n", transactions, rate);
      long sent = System.nanoTime();
      Run measured = run(vertx, http, "M", warmup, transactions, rate);
      applied.awaitAll(warmup + transactions, Duration.ofSeconds(60));
      System.err.printf("bench: all answered %.1f s and all reconciled %.1f s after the measured phase began (%.1f s of sending)%n",
          (measured.lastAnswer - sent) / 1e9, (applied.lastSeen() - sent) / 1e9, transactions / rate);
      applied.close();
      double[] ack = Arrays.stream(measured.ackNanos).filter(v -> v > 0).asDoubleStream().sorted().toArray();
      double[] apply = applyLatencies(vertx, ours, measured, applied);
      http.close();
      int notApplied = measured.completed - apply.length;
      if (notApplied > 0) {
        System.err.printf("bench: %,d acknowledged webhooks were not reconciled within 60 s of the last one%n", notApplied);
      }
      return new Result(measured.completed / measured.seconds, p99(ack) / 1e6, p99(apply) / 1e6, "recon_decided",
          measured.failed.get() + notApplied);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static final class Run {
    final long[] scheduled;
    final long[] ackNanos;
    final AtomicInteger failed = new AtomicInteger();
    final String tag;
    int completed;
    double seconds;
    volatile long lastAnswer;

    Run(int n, String tag) {
      scheduled = new long[n];
      ackNanos = new long[n];
      this.tag = tag;
    }
  }

  /** Webhooks paying invoices {@code first + 1 … first + n} (their ids), at {@code rate} per second. */
  private static Run run(Vertx vertx, HttpClient http, String phase, int first, int n, double rate) throws Exception {
    String tag = phase + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
    Run run = new Run(n, tag);
    Promise<Void> done = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime() + 20_000_000;
    long interval = (long) (1e9 / rate);
    int[] next = {0};
    vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      while (next[0] < n && start + next[0] * interval <= now) {
        int i = next[0]++;
        run.scheduled[i] = start + i * interval;
        send(http, tag, i, first + 1L + i).onComplete(r -> {
          if (r.succeeded() && r.result() == 200) {
            run.ackNanos[i] = System.nanoTime() - run.scheduled[i];
          } else {
            run.failed.incrementAndGet();
          }
          run.lastAnswer = System.nanoTime();
          if (finished.incrementAndGet() == n) {
            done.complete();
          }
        });
      }
      if (next[0] == n) {
        vertx.cancelTimer(timer);
      }
    });
    long progress = vertx.setPeriodic(2_000, t -> System.err.printf("bench:   %s sent %,d, answered %,d, failed %,d%n",
        phase, next[0], finished.get(), run.failed.get()));
    try {
      done.future().await(60 + (long) (n / rate) * 5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new UserFacingException("intake: only " + finished.get() + " of " + n + " webhooks were answered in time");
    } finally {
      vertx.cancelTimer(progress);
    }
    run.completed = n - run.failed.get();
    run.seconds = (System.nanoTime() - start) / 1e9;
    return run;
  }

  private static Future<Integer> send(HttpClient http, String tag, int i, long invoice) {
    String body = new JsonObject().put("id", i).put("gateway", "Bench").put("transactionDate", "2026-09-10 22:38:54")
        .put("accountNumber", ACCOUNT).putNull("code").put("content", IntakeInvoices.memo(invoice)).put("transferType", "in")
        .put("transferAmount", IntakeInvoices.amount(invoice)).put("accumulated", 0).putNull("subAccount")
        .put("referenceCode", "BENCH" + tag + "-" + i).put("description", "bench").encode();
    long ts = Instant.now().getEpochSecond();
    String signature = SePayNotification.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8));
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/webhooks/sepay")
            .putHeader("content-type", "application/json").putHeader("X-SePay-Timestamp", Long.toString(ts))
            .putHeader("X-SePay-Signature", signature).setTimeout(30_000))
        .compose(r -> r.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
  }

  /** From scheduled send until the row was first seen reconciled. */
  private static double[] applyLatencies(Vertx vertx, PgUrl ours, Run run, AppliedWatch applied) throws Exception {
    PgConnection c = PgConnection.connect(vertx, PgConnectOptions.fromUri(ours.uri())).await(30, TimeUnit.SECONDS);
    try {
      var rows = c.preparedQuery("SELECT id, bank_txn_id FROM payment.bank_transaction WHERE bank_txn_id LIKE $1")
          .execute(io.vertx.sqlclient.Tuple.of("BENCH" + run.tag + "-%")).await(60, TimeUnit.SECONDS);
      double[] out = new double[rows.size()];
      int k = 0;
      for (var r : rows) {
        String ref = r.getString("bank_txn_id");
        int i = Integer.parseInt(ref.substring(ref.lastIndexOf('-') + 1));
        long seen = applied.seenAt(r.getLong("id"));
        if (seen != 0) {
          out[k++] = Math.max(0, seen - run.scheduled[i]);
        }
      }
      double[] sorted = Arrays.copyOf(out, k);
      Arrays.sort(sorted);
      return sorted;
    } finally {
      c.close();
    }
  }

  static double p99(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String tail(File log) {
    try {
      List<String> lines = Files.readAllLines(log.toPath());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
