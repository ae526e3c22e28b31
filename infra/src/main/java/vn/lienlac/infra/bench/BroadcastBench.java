package vn.lienlac.infra.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.api.auth.AccessTokens;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.SigningKey;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.ProjectPaths;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.infra.support.db.PgUrl;

@Command(name = "broadcast", mixinStandardHelpOptions = true,
    description = {"Seeds 1,200 schools × 500 students (≈ 1,000,000 guardians; scaled by --scale), syncs them,",
        "puts every school under one district office, starts one process `serve --role all` (-Xmx1g) and",
        "measures: the accept latency of announcements to the whole district (p99 of 50 scheduled sends plus",
        "the real one: only one can be expanded per run); durable_s, from that accept until all its",
        "recipient rows are committed (polling GET /messages/{id}); bare_insert_s, one plain INSERT … SELECT",
        "of the same rows over the same join into an unindexed table of the same shape, and the ratio; class",
        "messages (≈ 40 guardians each) at a steady 500 sends/s for 20 s, open loop; GET /api/v1/inbox for",
        "random guardians at 2,000/s (null when this build has no inbox); the peak heap of the process",
        "sampled from its /metrics. Rates are not scaled; durations are (never below 5 s)."})
public final class BroadcastBench implements Callable<Integer> {

  private static final String OURS = "lienlac_bench_broadcast";
  private static final String DISTRICT = "lienlac_bench_broadcast_district";
  /** Every seeded school is put under this office, so that one district officer addresses everybody. */
  private static final String OFFICE = "PGD-BENCH";
  private static final String UNLIMITED = "1000000";

  /** The district-wide expansion's own join, without chunks: the yardstick of the expansion. */
  private static final String BARE_INSERT = """
      INSERT INTO public.bench_bare (message_id, guardian_id, student_ids, school_code)
      SELECT 0, gs.guardian_id, array_agg(gs.student_id ORDER BY gs.student_id), min(c.school_code)
        FROM directory.guardian_student gs
        JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
        JOIN directory.student s ON s.national_id = gs.student_id AND s.active
        JOIN directory.school_class c ON c.code = s.class_code AND c.removed_at IS NULL
        JOIN directory.school sc ON sc.code = c.school_code AND sc.removed_at IS NULL
       WHERE gs.removed_at IS NULL AND sc.education_office_code = 'PGD-BENCH'
       GROUP BY gs.guardian_id""";

  @Option(names = "--scale", defaultValue = "1.0", description = "Size and duration factor (1.0 = 1,000,000 guardians). Default: ${DEFAULT-VALUE}.")
  double scale;

  @Option(names = "--server-heap", defaultValue = "1g", description = "-Xmx of the server process. Default: ${DEFAULT-VALUE}.")
  String serverHeap;

  @Option(names = "--chunk-size", defaultValue = "20000", description = "LIENLAC_EXPANSION_CHUNK_SIZE of the server. Default: ${DEFAULT-VALUE}.")
  int chunkSize;

  @Option(names = "--keep", description = "Keep the benchmark databases afterwards.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    if (scale <= 0 || scale > 10) {
      throw new IllegalArgumentException("--scale must be in (0, 10], got " + scale);
    }
    return SyncedDistrict.measure(OURS, DISTRICT, Math.max(1, (int) Math.round(1_200 * scale)), keep,
        (ours, district, redisUrl) -> {
          BenchSql.execute(ours, "UPDATE directory.school SET education_office_code = '" + OFFICE + "'");
          BenchSql.execute(ours, "VACUUM ANALYZE");
          return measure(ours, district, redisUrl);
        });
  }

  private int measure(PgUrl ours, PgUrl district, String redisUrl) throws Exception {
    long guardians = BenchSql.number(ours, "SELECT count(*) FROM (" + BARE_INSERT.substring(BARE_INSERT.indexOf("SELECT"))
        + ") x");
    System.err.printf("bench: %,d guardians in the audience of the whole district%n", guardians);
    int port = freePort();
    SigningKey key = SigningKey.generate();
    Path log = ProjectPaths.resolve(LienlacConfig.load().string(Setting.DATA_DIR)).resolve("bench").resolve("broadcast-bench.log");
    Files.createDirectories(log.getParent());
    Map<String, String> env = Map.ofEntries(
        Map.entry(Setting.PG_URL.env(), ours.uri()), Map.entry(Setting.REDIS_URL.env(), redisUrl),
        Map.entry(Setting.DISTRICT_PG_URL.env(), district.uri()), Map.entry(Setting.DISTRICT_SYNC_INTERVAL.env(), "PT24H"),
        Map.entry(Setting.JWT_SIGNING_KEY.env(), key.toPem()), Map.entry(Setting.HTTP_HOST.env(), "127.0.0.1"),
        Map.entry(Setting.HTTP_PORT.env(), Integer.toString(port)), Map.entry(Setting.SHUTDOWN_GRACE.env(), "PT5S"),
        Map.entry(Setting.RATE_LIMIT_USER_PER_SECOND.env(), UNLIMITED), Map.entry(Setting.RATE_LIMIT_USER_BURST.env(), UNLIMITED),
        Map.entry(Setting.RATE_LIMIT_IP_PER_SECOND.env(), UNLIMITED), Map.entry(Setting.RATE_LIMIT_IP_BURST.env(), UNLIMITED),
        Map.entry(Setting.REALTIME_CHANNEL.env(), "lienlac:rt:bench-broadcast:" + ProcessHandle.current().pid()),
        // This measures messaging: the server expands, delivery is measured by `bench delivery`. In production
        // delivery runs in workers processes of its own; here it would compete for the same two cores.
        Map.entry(Setting.WORKER_JOBS.env(), "expansion"),
        Map.entry(Setting.EXPANSION_CHUNK_SIZE.env(), Integer.toString(chunkSize)));
    AccessTokens tokens = new AccessTokens(key, Duration.ofHours(2), Clock.systemUTC());
    String officer = tokens.issue(Caller.staff(1, StaffRole.DISTRICT_OFFICER, null, OFFICE, null, "bench-officer"));
    List<String[]> classes = BenchSql.rows(ours, """
        SELECT c.code, c.school_code, c.homeroom_teacher_code FROM directory.school_class c
         WHERE c.homeroom_teacher_code IS NOT NULL AND c.removed_at IS NULL
           AND EXISTS (SELECT 1 FROM directory.student s WHERE s.class_code = c.code AND s.active)
         ORDER BY random() LIMIT 2000""", 3);
    List<String> teacherTokens = new java.util.ArrayList<>();
    for (int i = 0; i < classes.size(); i++) {
      String[] c = classes.get(i);
      teacherTokens.add(tokens.issue(Caller.staff(1000 + i, StaffRole.TEACHER, c[1], OFFICE, c[2], "bench-t" + i)));
    }

    JsonObject line = new JsonObject().put("bench", "broadcast").put("guardians", guardians);
    Vertx vertx = Vertx.vertx();
    OpenLoop load = new OpenLoop(vertx, port, 64);
    AtomicLong peakHeap = new AtomicLong();
    System.err.println("bench: starting the server process, role all (log: " + log + ")");
    try (ApiProcess serverProcess = ApiProcess.start(serverHeap, port, env, log, "all")) {
      serverProcess.awaitReady(Duration.ofSeconds(120));
      long sampler = vertx.setPeriodic(500, t -> vertx.executeBlocking(() -> {
        peakHeap.accumulateAndGet(serverProcess.heapUsedMib(), Math::max);
        return null;
      }));

      // The workers finish starting (their first directory sync) and the JIT warms up on 100 accepts, unmeasured.
      Thread.sleep(10_000);
      load.run(20, 5, i -> new OpenLoop.Call(HttpMethod.POST, "/api/v1/messages", officer,
          announcement("district", OFFICE).put("sendAt", OffsetDateTime.now().plusDays(30).toString()).encode())).await();
      // Accept: 50 district-wide announcements scheduled a month ahead (same path, never expanded), then the real one.
      String later = OffsetDateTime.now().plusDays(30).toString();
      OpenLoop.Result scheduled = load.run(10, 5, i -> new OpenLoop.Call(HttpMethod.POST, "/api/v1/messages", officer,
          announcement("district", OFFICE).put("sendAt", later).encode())).await();
      Latencies accept = scheduled.latencies();
      long sentAt = System.nanoTime();
      OpenLoop.Answer real = load.call(new OpenLoop.Call(HttpMethod.POST, "/api/v1/messages", officer,
          announcement("district", OFFICE).put("priority", "important").encode())).await();
      long acceptedAt = System.nanoTime();
      accept.record((acceptedAt - sentAt) / 1_000);
      if (real.status() != 202 || scheduled.ok() != 50) {
        throw new UserFacingException("the announcement was not accepted: " + real.status() + " " + real.body());
      }
      System.err.printf(Locale.ROOT, "bench: district-wide accept %.2f ms; accepts %s%n", (acceptedAt - sentAt) / 1e6,
          accept.summary());
      line.put("accept_p99_ms", accept.percentileMillis(99));
      long id = new JsonObject(real.body()).getLong("id");
      JsonObject status;
      do {
        Thread.sleep(50);
        status = new JsonObject(load.call(new OpenLoop.Call(HttpMethod.GET, "/api/v1/messages/" + id, officer, null))
            .await().body());
      } while (status.getString("status").equals("expanding") || status.getString("status").equals("scheduled"));
      double durable = (System.nanoTime() - acceptedAt) / 1e9;
      long recipients = status.getJsonObject("counts").getLong("recipients");
      System.err.printf(Locale.ROOT, "bench: %,d recipient rows durable %.2f s after the accept (%d chunks)%n", recipients,
          durable, status.getJsonObject("progress").getInteger("chunksDone"));
      if (recipients != guardians) {
        throw new UserFacingException("expanded " + recipients + " recipients, expected " + guardians);
      }
      line.put("durable_s", Latencies.round(durable));

      BenchSql.execute(ours, "CREATE TABLE public.bench_bare (LIKE messaging.recipient INCLUDING DEFAULTS)");
      long bareStart = System.nanoTime();
      BenchSql.execute(ours, BARE_INSERT);
      double bare = (System.nanoTime() - bareStart) / 1e9;
      System.err.printf(Locale.ROOT, "bench: bare INSERT … SELECT of the same rows: %.2f s%n", bare);
      line.put("bare_insert_s", Latencies.round(bare)).put("ratio_to_bare", Latencies.round(durable / bare));

      double seconds = Math.max(5, 20 * scale);
      OpenLoop.Result sends = load.run(500, seconds, i -> {
        int c = (int) (i % classes.size());
        return new OpenLoop.Call(HttpMethod.POST, "/api/v1/messages", teacherTokens.get(c),
            announcement("class", classes.get(c)[0]).encode());
      }).await();
      System.err.printf("bench: class sends at 500/s: %s (%d not 2xx, %d failed)%n", sends.latencies().summary(),
          sends.notOk(), sends.failed());
      line.put("class_send_p99_ms", sends.latencies().percentileMillis(99));

      awaitExpanded(ours);
      line.put("inbox_p99_ms", inbox(load, tokens, ours, seconds));
      vertx.cancelTimer(sampler);
      peakHeap.accumulateAndGet(serverProcess.heapUsedMib(), Math::max);
      line.put("peak_heap_mib", peakHeap.get());
    } finally {
      load.close();
      vertx.close();
    }
    System.out.println(line.encode());
    return 0;
  }

  /** The inbox is measured on its own: the class messages accepted before are expanded first (at most 5 minutes). */
  private static void awaitExpanded(PgUrl ours) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    long left;
    while ((left = BenchSql.number(ours, "SELECT count(*) FROM messaging.message WHERE status = 'expanding'")) > 0
        && System.nanoTime() < until) {
      Thread.sleep(500);
    }
    System.err.printf("bench: class messages expanded (%d still expanding)%n", left);
  }

  /** GET /api/v1/inbox at 2,000/s as random recipients, or null when this build has no inbox. */
  private static Double inbox(OpenLoop load, AccessTokens tokens, PgUrl ours, double seconds) {
    List<String[]> sample = BenchSql.rows(ours, "SELECT guardian_id::text FROM messaging.recipient TABLESAMPLE SYSTEM (1) LIMIT 5000", 1);
    List<String> bearer = sample.stream().map(g -> tokens.issue(Caller.guardian(Long.parseLong(g[0]), "bench-g" + g[0]))).toList();
    if (bearer.isEmpty()) {
      return null;
    }
    int probe = load.call(new OpenLoop.Call(HttpMethod.GET, "/api/v1/inbox", bearer.get(0), null)).await().status();
    if (probe == 404) {
      System.err.println("bench: GET /api/v1/inbox is not in this build: inbox_p99_ms is null");
      return null;
    }
    OpenLoop.Result result = load.run(2_000, seconds, i -> new OpenLoop.Call(HttpMethod.GET, "/api/v1/inbox",
        bearer.get(ThreadLocalRandom.current().nextInt(bearer.size())), null)).await();
    System.err.printf("bench: inbox at 2,000/s: %s (%d not 2xx)%n", result.latencies().summary(), result.notOk());
    return result.latencies().percentileMillis(99);
  }

  private static JsonObject announcement(String type, String value) {
    return new JsonObject().put("title", "Thông báo").put("body", "Kính gửi quý phụ huynh: lịch nghỉ lễ.")
        .put("audience", new JsonArray().add(new JsonObject().put("type", type).put("value", value)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
