package vn.lienlac.infra.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import vn.lienlac.delivery.DeliveryEvents;
import vn.lienlac.delivery.DeliveryOptions;
import vn.lienlac.delivery.DeliveryWorker;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.sandbox.Received;
import vn.lienlac.infra.sandbox.SandboxAccounts;
import vn.lienlac.infra.sandbox.SandboxServer;
import vn.lienlac.infra.sandbox.SandboxSettings;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.notice.Notice;
import vn.lienlac.messaging.notice.NoticeTemplates;
import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.messaging.ratelimit.TokenBuckets;

/**
 * A fresh database with every migration, the test Redis (keys under a prefix of this fixture), the
 * sandbox providers on a free loopback port, and delivery workers built from settings as the runtime
 * builds them, with short delays so tests run in seconds.
 */
final class DeliveryFixture implements AutoCloseable {

  static final DeliveryOptions FAST = new DeliveryOptions(20, Duration.ofSeconds(30), Duration.ofMillis(200), 5,
      Duration.ofMillis(50), Duration.ofSeconds(2), 1_000);

  final Vertx vertx = Vertx.vertx();
  final PgUrl url;
  final Pool pool;
  final Redis redis;
  final SandboxServer sandbox;
  final Notices notices;
  final WebClient http;
  final String bucketPrefix = "test:delivery:" + UUID.randomUUID() + ":";
  /** What the workers reported, as {@code provider:outcome}. */
  final List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
  final DeliveryEvents events = (channel, provider, outcome, cost) -> reported.add(provider + ":" + outcome);

  DeliveryFixture(String name) {
    url = TestServices.freshDatabase(name);
    ModuleMigrations.of(url).migrate();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(6))
        .connectingTo(PgConnectOptions.fromUri(url.uri())).using(vertx).build();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(TestServices.redis()).setMaxPoolWaiting(256));
    sandbox = SandboxServer.start(vertx, SandboxAccounts.DEMO, "127.0.0.1", 0).await();
    notices = Notices.create(pool);
    http = WebClient.create(vertx);
  }

  /** Settings as an operator would give them, pointing at the sandbox. */
  LienlacConfig config(String provider, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of("LIENLAC_PG_URL", url.uri(), "LIENLAC_REDIS_URL", TestServices.redis(),
        "LIENLAC_SMS_PROVIDER", provider, "LIENLAC_SMS_REQUEST_TIMEOUT", "PT5S"));
    env.putAll(more);
    return SandboxSettings.pointAt(LienlacConfig.from(env, Map.of(), "none"), sandbox.url(), SandboxAccounts.DEMO);
  }

  DeliveryWorker worker(String provider, DeliveryOptions options) {
    return worker(vertx, config(provider, Map.of()), options);
  }

  DeliveryWorker worker(Vertx on, LienlacConfig config, DeliveryOptions options) {
    return new DeliveryWorker(pool, PgConnectOptions.fromUri(url.uri()),
        List.of(DeliveryWiring.smsChannel(WebClient.create(on), config)), new TokenBuckets(redis, bucketPrefix),
        options, NoticeTemplates.BUNDLED, events);
  }

  String deploy(io.vertx.core.Deployable worker) {
    return vertx.deployVerticle(worker).await();
  }

  long otp(String phone, String code) {
    return notices.send(new Notice(phone, null, "otp", Map.of("code", code, "minutes", "5"), "vi", null)).await();
  }

  void control(JsonObject control) {
    var response = http.postAbs(sandbox.url() + "/sandbox/control").sendJsonObject(control).await();
    if (response.statusCode() != 200) {
      throw new AssertionError("sandbox control refused: " + response.bodyAsString());
    }
  }

  List<Received> outbox(String phone) {
    return sandbox.outbox().to(phone);
  }

  /** The attempt of a notice as a map of its columns. */
  JsonObject attempt(long noticeId) {
    Row row = pool.preparedQuery("SELECT to_jsonb(a) FROM delivery.attempt a WHERE notice_id = $1")
        .execute(Tuple.of(noticeId)).await().iterator().next();
    return (JsonObject) row.getValue(0);
  }

  long count(String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }

  void execute(String sql, Object... args) {
    pool.preparedQuery(sql).execute(Tuple.wrap(args)).await();
  }

  JsonObject awaitAttempt(long noticeId, String state) {
    awaitTrue("attempt of notice " + noticeId + " to become " + state, Duration.ofSeconds(20),
        () -> state.equals(attempt(noticeId).getString("state")));
    return attempt(noticeId);
  }

  static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    vertx.close().await();
    TestServices.dropDatabase(url);
  }
}
