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
import vn.lienlac.api.signin.SignInSettings;
import vn.lienlac.api.v1.ApiDependencies;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.db.SchemaMigrations;
import vn.lienlac.infra.support.db.SchemaMigrations.ModuleSchema;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.directory.DirectorySchema;
import vn.lienlac.payment.PaymentSchema;

/**
 * A real API server for a test: a fresh migrated database, the shared test Redis, a new signing key,
 * on a free loopback port; plus a plain HTTP client and helpers to mint tokens and run SQL.
 */
public final class ApiTestServer implements AutoCloseable {

  public static final Argon2id.Cost TEST_PASSWORD_COST = new Argon2id.Cost(1024, 1, 1);

  public final Vertx vertx = Vertx.vertx();
  public final PgUrl url;
  public final Pool pool;
  public final Redis redis;
  public final SigningKey key = SigningKey.generate();
  public final AccessTokens tokens;
  /** Every notice the API handed over (sign-in codes…), newest last. */
  public final RecordedNotices notices = new RecordedNotices();
  /** Every invoice event published, with the transaction it would commit with. */
  public final RecordedEvents events = new RecordedEvents();
  public final ApiDependencies deps;
  private final ApiServer server;
  private final String deploymentId;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiTestServer(String name, UnaryOperator<SignInSettings> signIn) {
    url = TestServices.freshDatabase(name);
    migrate(url);
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(PgConnectOptions.fromUri(url.uri())).using(vertx).build();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(TestServices.redis()));
    tokens = new AccessTokens(key, Duration.ofMinutes(15), Clock.systemUTC());
    // Redis is shared by every test (and helper): each server gets its own key space. Cheap Argon2 keeps tests fast.
    SignInSettings settings = SignInSettings.defaults()
        .withRedisPrefix("test:" + name + ":" + UUID.randomUUID() + ":")
        .withPasswordCost(TEST_PASSWORD_COST);
    deps = new ApiDependencies(vertx, pool, redis, tokens, notices, Clock.systemUTC(), signIn.apply(settings),
        events::record);
    server = new ApiServer(new ApiServerOptions("127.0.0.1", 0, Duration.ofSeconds(1)),
        () -> io.vertx.core.Future.succeededFuture(Map.of("postgres", "up")), ctx -> ctx.end(), deps);
    deploymentId = await(vertx.deployVerticle(server));
  }

  public static ApiTestServer start(String name) {
    return new ApiTestServer(name, UnaryOperator.identity());
  }

  /** With sign-in settings changed from the test defaults (e.g. tight throttles). */
  public static ApiTestServer start(String name, UnaryOperator<SignInSettings> signIn) {
    return new ApiTestServer(name, signIn);
  }

  public static void migrate(PgUrl url) {
    new SchemaMigrations(url, List.of(new ModuleSchema(DirectorySchema.NAME, DirectorySchema.MIGRATIONS),
        new ModuleSchema(ApiSchema.NAME, ApiSchema.MIGRATIONS),
        new ModuleSchema(PaymentSchema.NAME, PaymentSchema.MIGRATIONS))).migrate();
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
      await(vertx.undeploy(deploymentId));
      await(pool.close());
      redis.close();
      await(vertx.close());
    } finally {
      TestServices.dropDatabase(url);
    }
  }
}
