package vn.lienlac.infra.sandbox.bank;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.LienlacRuntime;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.runtime.Role;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.ratelimit.TokenBuckets;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.intake.pull.BankFeedPull;
import vn.lienlac.payment.intake.pull.SePayApiFeed;
import vn.lienlac.payment.vietqr.VietQrEncoder;
import vn.lienlac.payment.vietqr.VietQrPayload;

/** The fake bank against a real API process: webhooks of every style, and the pull client against its SePay twin. */
class FakeBankIntakeTest {

  static final String ACCOUNT = "0071001104341";
  static final String API_TOKEN = "sandbox-sepay-api-token";

  final HttpClient http = HttpClient.newHttpClient();
  final Vertx vertx = Vertx.vertx();
  PgUrl database;
  LienlacRuntime runtime;
  FakeBankServer bank;
  Pool pool;
  Redis redis;

  @BeforeEach
  void start() {
    database = TestServices.freshDatabase("fake_bank");
    ModuleMigrations.of(database).migrate();
    sql("INSERT INTO payment.collection_account (school_code, bin, account_number) VALUES ('S1', '970436', '" + ACCOUNT + "')");
    LienlacConfig config = LienlacConfig.from(Map.of(
        "LIENLAC_PG_URL", database.uri(),
        "LIENLAC_REDIS_URL", TestServices.redis(),
        "LIENLAC_HTTP_HOST", "127.0.0.1",
        "LIENLAC_HTTP_PORT", "0",
        "LIENLAC_SHUTDOWN_GRACE", "PT1S",
        "LIENLAC_JWT_SIGNING_KEY", vn.lienlac.api.auth.SigningKey.generate().toPem(),
        "LIENLAC_PAYOS_CHECKSUM_KEY", "payos-key",
        "LIENLAC_SEPAY_WEBHOOK_HMAC_SECRET", "sepay-secret",
        "LIENLAC_VIETQR_SYNC_USERNAME", "vietqr",
        "LIENLAC_VIETQR_SYNC_PASSWORD", "vietqr-password"), Map.of(), "none");
    runtime = LienlacRuntime.start(config, Role.API);
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(database.uri()))
        .using(vertx).build();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(TestServices.redis()));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    runtime.close();
    TestServices.dropDatabase(database);
  }

  FakeBankOptions options(FakeBankOptions.Style style, double apiRate) {
    return new FakeBankOptions("127.0.0.1", 0, style, "http://127.0.0.1:" + runtime.httpPort(), "payos-key", null,
        "sepay-secret", "vietqr", "vietqr-password", API_TOKEN, apiRate, Duration.ofMillis(50), 5);
  }

  void startBank(FakeBankOptions options) throws Exception {
    bank = new FakeBankServer(options, Clock.systemUTC());
    vertx.deployVerticle(bank).await(10, TimeUnit.SECONDS);
  }

  JsonObject pay(JsonObject body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bank.actualPort() + "/sandbox/bank/pay"))
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).header("content-type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isIn(201, 202);
    return new JsonObject(r.body());
  }

  @Test
  void a_vietqr_payload_paid_at_the_fake_bank_arrives_through_the_vietqr_sync_pair_into_bank_transactions() throws Exception {
    startBank(options(FakeBankOptions.Style.VIETQR, 3));
    String qr = VietQrEncoder.encode(new VietQrPayload("970436", ACCOUNT, false, 1_250_000L, null, null, "LLP0PSRN1NR9"));
    JsonObject paid = pay(new JsonObject().put("vietqr", qr).put("payerName", "NGUYEN VAN A").put("wait", true));
    assertThat(paid.getJsonObject("delivered").getInteger("sent")).isEqualTo(1);
    assertThat(value("SELECT account_number || ' ' || amount || ' ' || memo || ' ' || source || ' ' || school_code"
        + " FROM payment.bank_transaction WHERE bank_txn_id = '" + paid.getString("bankTxnId") + "'"))
        .isEqualTo(ACCOUNT + " 1250000 LLP0PSRN1NR9 vietqr_vn S1");
  }

  @Test
  void duplicated_and_concurrent_payos_and_sepay_notifications_store_each_credit_once() throws Exception {
    startBank(options(FakeBankOptions.Style.PAYOS, 3));
    JsonObject twice = pay(new JsonObject().put("account", ACCOUNT).put("amount", 300_000).put("memo", "a")
        .put("delivery", "duplicate").put("wait", true));
    assertThat(twice.getJsonObject("delivered").getInteger("sent")).isEqualTo(2);
    JsonObject many = pay(new JsonObject().put("account", ACCOUNT).put("amount", 400_000).put("memo", "b")
        .put("delivery", "concurrent").put("copies", 20).put("wait", true));
    assertThat(many.getJsonObject("delivered").getInteger("sent")).isEqualTo(20);
    assertThat(value("SELECT count(*) FROM payment.bank_transaction")).isEqualTo("2");
  }

  @Test
  void the_pull_client_records_a_credit_whose_webhook_was_dropped_keeps_its_cursor_and_waits_out_429s() throws Exception {
    // The twin allows 1 request/s; the client is let to try 20/s, so it meets 429 and must wait Retry-After.
    startBank(options(FakeBankOptions.Style.SEPAY, 1));
    pay(new JsonObject().put("account", ACCOUNT).put("amount", 500_000).put("memo", "sent").put("wait", true));
    JsonObject dropped = pay(new JsonObject().put("account", ACCOUNT).put("amount", 640_000).put("memo", "lost")
        .put("delivery", "drop"));
    assertThat(value("SELECT count(*) FROM payment.bank_transaction")).isEqualTo("1");

    SePayApiFeed feed = new SePayApiFeed(vertx, vertx.createHttpClient(), new TokenBuckets(redis, "test:" + UUID.randomUUID() + ":"),
        "http://127.0.0.1:" + bank.actualPort() + "/sandbox/bank/v2", API_TOKEN, ACCOUNT, 20);
    BankFeedPull pull = new BankFeedPull(pool, BankTransactions.create(pool));
    BankFeedPull.Result first = pull.pullOnce(feed).await(30, TimeUnit.SECONDS);
    assertThat(first.recorded()).isEqualTo(2);
    assertThat(first.added()).isEqualTo(1);
    assertThat(value("SELECT seen_by::text FROM payment.bank_transaction WHERE bank_txn_id = '" + dropped.getString("bankTxnId") + "'"))
        .isEqualTo("{sepay_api}");
    assertThat(value("SELECT last_id FROM payment.bank_feed_cursor")).isEqualTo(dropped.getString("id"));

    JsonObject later = pay(new JsonObject().put("account", ACCOUNT).put("amount", 700_000).put("memo", "later").put("delivery", "drop"));
    long started = System.nanoTime();
    BankFeedPull.Result second = pull.pullOnce(feed).await(30, TimeUnit.SECONDS);
    BankFeedPull.Result third = pull.pullOnce(feed).await(30, TimeUnit.SECONDS);
    assertThat(second.recorded()).isEqualTo(1);
    assertThat(second.cursor()).isEqualTo(later.getString("id"));
    assertThat(third.recorded()).isZero();
    assertThat(value("SELECT count(*) FROM payment.bank_transaction")).isEqualTo("3");
    HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bank.actualPort()
        + "/sandbox/bank/v2/transactions/stats")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(new JsonObject(stats.body()).getLong("refused429")).isPositive();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void the_sepay_twin_refuses_a_wrong_api_token() throws Exception {
    startBank(options(FakeBankOptions.Style.SEPAY, 3));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bank.actualPort()
        + "/sandbox/bank/v2/transactions")).header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  void sql(String statement) {
    TestServices.execute(database, statement);
  }

  String value(String query) throws Exception {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
