package vn.lienlac.api.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import vn.lienlac.api.ApiSchema;
import vn.lienlac.api.ApiServer;
import vn.lienlac.api.ApiServerOptions;
import vn.lienlac.api.auth.AccessTokens;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.SigningKey;
import vn.lienlac.api.auth.password.Argon2id;
import vn.lienlac.api.platform.limits.RateLimits;
import vn.lienlac.api.signin.SignInSettings;
import vn.lienlac.api.realtime.Realtime;
import vn.lienlac.api.realtime.RealtimeFanOut;
import vn.lienlac.api.realtime.RealtimeOptions;
import vn.lienlac.api.v1.ApiDependencies;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.db.SchemaMigrations;
import vn.lienlac.infra.support.db.SchemaMigrations.ModuleSchema;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.MessagingSchema;
import vn.lienlac.messaging.directory.DirectorySchema;
import vn.lienlac.payment.PaymentSchema;
import vn.lienlac.api.webhooks.WebhookSettings;

/**
 * A real API server for a test: a fresh migrated database, the shared test Redis, a new signing key,
 * on a free loopback port; plus a plain HTTP client and helpers to mint tokens and run SQL.
 */
public final class ApiTestServer implements AutoCloseable {

  public static final Argon2id.Cost TEST_PASSWORD_COST = new Argon2id.Cost(1024, 1, 1);
  /** Bank webhook credentials every test server accepts. */
  public static final WebhookSettings WEBHOOKS = new WebhookSettings("test-payos-checksum-key", "test-sepay-api-key",
      "test-sepay-hmac-secret", "vietqr-test", "vietqr-test-password", vn.lienlac.payment.intake.IntakeMetrics.NONE);

  public final Vertx vertx = Vertx.vertx();
  public final PgUrl url;
  public final Pool pool;
  public final Redis redis;
  public final SigningKey key;
  public final AccessTokens tokens;
  /** Every notice the API handed over (sign-in codes…), newest last. */
  public final RecordedNotices notices = new RecordedNotices();
  public final Realtime realtime;
  /** Every invoice event published, with the transaction it would commit with. */
  public final RecordedEvents events = new RecordedEvents();
  public final ApiDependencies deps;
  private final Redis subscriberRedis;
  private final ApiServer server;
  private final List<String> deploymentIds = new java.util.ArrayList<>();
  private final boolean ownsDatabase;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Limits of a test server: high enough that no test meets them by accident, and buckets of its own
   * (test servers of every module share one Redis and all call from 127.0.0.1).
   */
  public static RateLimits generousLimits() {
    return new RateLimits(10_000, 10_000, 10_000, 10_000, "test:" + UUID.randomUUID() + ":rl:");
  }

  private ApiTestServer(PgUrl existing, String name, SigningKey signingKey, RealtimeOptions realtimeOptions,
                        UnaryOperator<SignInSettings> signIn, RateLimits limits, String redisUrl) {
    ownsDatabase = existing == null;
    url = ownsDatabase ? TestServices.freshDatabase(name) : existing;
    if (ownsDatabase) {
      migrate(url);
    }
    key = signingKey;
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(PgConnectOptions.fromUri(url.uri())).using(vertx).build();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
    subscriberRedis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl).setMaxPoolSize(1));
    tokens = new AccessTokens(key, Duration.ofMinutes(15), Clock.systemUTC());
    // Redis is shared by every test (and parallel runs): each server gets its own key space and realtime
    // channel. Cheap Argon2 keeps tests fast.
    SignInSettings settings = SignInSettings.defaults()
        .withRedisPrefix("test:" + url.database() + ":" + UUID.randomUUID() + ":")
        .withPasswordCost(TEST_PASSWORD_COST);
    RealtimeOptions options = realtimeOptions.channel().equals(RealtimeOptions.DEFAULT_CHANNEL)
        ? realtimeOptions.withChannel("lienlac:rt:test:" + url.database()) : realtimeOptions;
    realtime = Realtime.create(pool, redis, options);
    deps = new ApiDependencies(vertx, pool, redis, tokens, notices, Clock.systemUTC(), signIn.apply(settings), realtime, WEBHOOKS,
        events::record);
    server = new ApiServer(new ApiServerOptions("127.0.0.1", 0, Duration.ofSeconds(1), limits),
        () -> io.vertx.core.Future.succeededFuture(Map.of("postgres", "up")), ctx -> ctx.end(), deps);
    deploymentIds.add(await(vertx.deployVerticle(new RealtimeFanOut(realtime.hub(), subscriberRedis))));
    deploymentIds.add(await(vertx.deployVerticle(server)));
  }

  public static ApiTestServer start(String name) {
    return start(name, RealtimeOptions.defaults());
  }

  public static ApiTestServer start(String name, RealtimeOptions realtimeOptions) {
    return new ApiTestServer(null, name, SigningKey.generate(), realtimeOptions, UnaryOperator.identity(),
        generousLimits(), TestServices.redis());
  }

  /** With sign-in settings changed from the test defaults (e.g. tight throttles). */
  public static ApiTestServer start(String name, UnaryOperator<SignInSettings> signIn) {
    return new ApiTestServer(null, name, SigningKey.generate(), RealtimeOptions.defaults(), signIn,
        generousLimits(), TestServices.redis());
  }

  /** With the given rate limits and Redis (e.g. a closed port, to see the API carry on without it). */
  public static ApiTestServer start(String name, RateLimits limits, String redisUrl) {
    return new ApiTestServer(null, name, SigningKey.generate(), RealtimeOptions.defaults(), UnaryOperator.identity(),
        limits, redisUrl);
  }

  /** A second server on the database of {@code first}, with its key and realtime channel (another "process"). */
  public static ApiTestServer alongside(ApiTestServer first) {
    return new ApiTestServer(first.url, null, first.key, first.realtime.options(), UnaryOperator.identity(),
        generousLimits(), TestServices.redis());
  }

  /** A server on an existing, migrated database (a child process of a test). */
  public static ApiTestServer onDatabase(PgUrl url, SigningKey key, RealtimeOptions options) {
    return new ApiTestServer(url, null, key, options, UnaryOperator.identity(), generousLimits(), TestServices.redis());
  }

  public static void migrate(PgUrl url) {
    new SchemaMigrations(url, List.of(new ModuleSchema(DirectorySchema.NAME, DirectorySchema.MIGRATIONS),
        new ModuleSchema(ApiSchema.NAME, ApiSchema.MIGRATIONS),
        new ModuleSchema(MessagingSchema.NAME, MessagingSchema.MIGRATIONS),
        // Delivery's tables (attempts, budgets) back the worklist and cost report; after messaging's.
        new ModuleSchema(vn.lienlac.delivery.DeliverySchema.NAME, vn.lienlac.delivery.DeliverySchema.MIGRATIONS),
        new ModuleSchema(vn.lienlac.payment.PaymentSchema.NAME, vn.lienlac.payment.PaymentSchema.MIGRATIONS))).migrate();
  }

  public int port() {
    return server.actualPort();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  public String token(Caller caller) {
    return tokens.issue(caller);
  }

  /** Runs SQL statements against this test's database (directory rows, fixtures). */
  public void sql(String... statements) {
    for (String s : statements) {
      TestServices.execute(url, s);
    }
  }

  public HttpResponse<String> get(String path, String token) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), token, Map.of());
  }

  public HttpResponse<String> post(String path, String token, JsonObject body) {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("content-type", "application/json"), token, Map.of());
  }

  public HttpResponse<String> post(String path, String token, JsonObject body, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("content-type", "application/json"), token, headers);
  }

  /** For binary answers (images, spreadsheets). */
  public HttpResponse<byte[]> sendBytes(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException("request failed: " + e, e);
    }
  }

  public HttpResponse<String> send(HttpRequest.Builder request, String token, Map<String, String> headers) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("request failed: " + e, e);
    }
  }

  public static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      for (int i = deploymentIds.size() - 1; i >= 0; i--) {
        await(vertx.undeploy(deploymentIds.get(i)));
      }
      await(pool.close());
      redis.close();
      subscriberRedis.close();
      await(vertx.close());
    } finally {
      if (ownsDatabase) {
        TestServices.dropDatabase(url);
      }
    }
  }
}
