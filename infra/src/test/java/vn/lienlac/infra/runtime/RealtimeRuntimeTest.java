package vn.lienlac.infra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.AccessTokens;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.SigningKey;
import vn.lienlac.api.realtime.RealtimeEvents;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;

/** The api role as the launcher assembles it: realtime subscriber, publisher and WebSocket wired together. */
class RealtimeRuntimeTest {

  private final SigningKey key = SigningKey.generate();
  private PgUrl database;
  private String channel;
  private LienlacRuntime runtime;

  @BeforeEach
  void start() {
    database = TestServices.freshDatabase("rt_runtime");
    ModuleMigrations.of(database).migrate();
    channel = "lienlac:rt:test:" + database.database();
    runtime = LienlacRuntime.start(config(Map.of()), Role.API);
  }

  private LienlacConfig config(Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "LIENLAC_PG_URL", database.uri(),
        "LIENLAC_REDIS_URL", TestServices.redis(),
        "LIENLAC_HTTP_HOST", "127.0.0.1",
        "LIENLAC_HTTP_PORT", "0",
        "LIENLAC_SHUTDOWN_GRACE", "PT2S",
        "LIENLAC_REALTIME_CHANNEL", channel,
        "LIENLAC_JWT_SIGNING_KEY", key.toPem()));
    env.putAll(more);
    return LienlacConfig.from(env, Map.of(), "none");
  }

  @AfterEach
  void stop() {
    runtime.close();
    TestServices.dropDatabase(database);
  }

  @Test
  void an_event_published_by_another_process_reaches_an_app_connected_to_the_api_role() throws Exception {
    Vertx other = Vertx.vertx(); // stands in for a workers process publishing an event
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(database.uri())).using(other).build();
    Redis redis = Redis.createClient(other, TestServices.redis());
    try {
      String token = new AccessTokens(key, Duration.ofMinutes(5), Clock.systemUTC()).issue(Caller.guardian(42, "s"));
      BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
      ClientWebSocket ws = other.createWebSocketClient().webSocket();
      ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(runtime.httpPort()).setURI("/api/v1/realtime")
          .setSubProtocols(List.of("lienlac.v1", "bearer." + token))).await(10, TimeUnit.SECONDS);
      assertThat(frames.poll(10, TimeUnit.SECONDS).getString("type")).isEqualTo("ready");

      long id = RealtimeEvents.create(pool, redis, channel).publish("g:42", RealtimeEvents.INVOICE_UPDATED,
          new JsonObject().put("invoiceId", 7)).await(10, TimeUnit.SECONDS);
      JsonObject event = frames.poll(10, TimeUnit.SECONDS);
      assertThat(event).isNotNull();
      assertThat(event.getLong("id")).isEqualTo(id);
      assertThat(event.getString("event")).isEqualTo("invoice.updated");

      // HTTP/1.1: the JDK client's default h2c upgrade attempt is not what is being tested here.
      HttpResponse<String> metrics = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + runtime.httpPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body()).contains("lienlac_realtime_connections 1.0");
      ws.close().await(5, TimeUnit.SECONDS);
    } finally {
      other.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_retention_shorter_than_a_day_is_refused_naming_the_setting() {
    assertThatThrownBy(() -> RealtimeSettings.options(config(Map.of("LIENLAC_REALTIME_RETENTION", "PT2H"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("LIENLAC_REALTIME_RETENTION").hasMessageContaining("PT24H");
    assertThatThrownBy(() -> RealtimeSettings.options(config(Map.of("LIENLAC_REALTIME_IDLE_TIMEOUT", "PT10S"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("idle timeout");
  }
}
