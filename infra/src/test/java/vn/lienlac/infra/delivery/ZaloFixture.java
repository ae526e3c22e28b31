package vn.lienlac.infra.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import vn.lienlac.api.webhooks.delivery.DeliveryWebhooks;
import vn.lienlac.delivery.zalo.ZaloOaAccount;
import vn.lienlac.delivery.zalo.ZaloTokens;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.sandbox.zalo.ZaloTwin;
import vn.lienlac.infra.support.testing.TestServices;
import vn.lienlac.messaging.events.UserEvents;

/**
 * The delivery fixture with the Zalo twin authorised (its refresh token stored as set-token does),
 * the Zalo settings the runtime reads, and our webhooks served on a loopback port as the api role
 * mounts them, with the twins' webhooks pointed at it.
 */
final class ZaloFixture implements AutoCloseable {

  /** 10:00 in Vietnam: ZNS may send. */
  static final Clock DAYTIME = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);
  /** 23:30 in Vietnam. */
  static final Clock NIGHT = Clock.fixed(Instant.parse("2026-11-22T16:30:00Z"), ZoneOffset.UTC);

  final DeliveryFixture d;
  final ZaloTwin twin;
  final LienlacConfig config;
  final ZaloOaAccount oa;
  final String lockPrefix;
  final int webhookPort;
  /** Events the webhooks raised to users, as {@code subject type data}. */
  final java.util.List<String> userEvents = new java.util.concurrent.CopyOnWriteArrayList<>();

  ZaloFixture(String name) {
    d = new DeliveryFixture(name);
    twin = d.sandbox.zalo();
    lockPrefix = d.bucketPrefix + "zalo-lock:";
    ZaloTokens.install(d.pool, twin.account().oaId(), twin.account().appId(), twin.authorise()).await();
    Router router = Router.router(d.vertx);
    var server = d.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    webhookPort = server.actualPort();
    config = d.config("twilio", Map.of("LIENLAC_PUBLIC_BASE_URL", "http://127.0.0.1:" + webhookPort,
        "LIENLAC_ESMS_CALLBACK_SECRET", "esms-callback-secret"));
    oa = ZaloWiring.account(config);
    webhooks(config).mount(router);
    twin.webhookUrl(publicUrl("/webhooks/zalo"));
    twin.webhookDelay(50);
  }

  /** The port the webhooks raise events through, recording them in {@link #userEvents}. */
  final UserEvents webhookEvents = new UserEvents() {
    @Override
    public io.vertx.core.Future<Long> publish(String subject, String type, JsonObject data) {
      userEvents.add(subject + " " + type + " " + data.encode());
      return io.vertx.core.Future.succeededFuture((long) userEvents.size());
    }

    @Override
    public io.vertx.core.Future<Long> publish(io.vertx.sqlclient.SqlConnection tx, String subject, String type,
                                              JsonObject data) {
      return publish(subject, type, data);
    }
  };

  DeliveryWebhooks webhooks(LienlacConfig config) {
    return new DeliveryWebhooks(ZaloWiring.zaloWebhooks(d.pool, config, webhookEvents),
        ZaloWiring.twilioCallbacks(d.pool, config, webhookEvents), ZaloWiring.esmsCallbacks(d.pool, config, webhookEvents));
  }

  String publicUrl(String path) {
    return "http://127.0.0.1:" + webhookPort + path;
  }

  /** A token store as one workers process has it (its own Vert.x, pool and Redis client). */
  ZaloTokens tokens(Vertx vertx, Pool pool) {
    Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(TestServices.redis()));
    return new ZaloTokens(vertx, pool, redis, WebClient.create(vertx), lockPrefix, Clock.systemUTC());
  }

  ZaloTokens tokens() {
    return tokens(d.vertx, d.pool);
  }

  /** A ZNS (or other channel) attempt of a new sign-in code notice, as the channel plans create them. */
  long attempt(String channel, String phone) {
    long notice = d.otp(phone, "482913");
    return d.pool.preparedQuery("INSERT INTO delivery.attempt (notice_id, channel) VALUES ($1, $2) RETURNING id")
        .execute(Tuple.of(notice, channel)).await().iterator().next().getLong(0);
  }

  /** The ZNS template of our sign-in code in the twin's OA. */
  void otpTemplate() {
    d.execute("INSERT INTO delivery.zalo_template (oa_id, template_key, zns_template_id, data_mapping) VALUES ($1, 'otp', '231677', $2)",
        oa.oaId(), new JsonObject().put("otp", "code").put("minutes", "minutes"));
  }

  JsonObject attemptRow(long id) {
    Row row = d.pool.preparedQuery("SELECT to_jsonb(a) FROM delivery.attempt a WHERE id = $1")
        .execute(Tuple.of(id)).await().iterator().next();
    return (JsonObject) row.getValue(0);
  }

  void control(JsonObject control) {
    var response = d.http.postAbs(d.sandbox.url() + "/sandbox/zalo/control").sendJsonObject(control).await();
    if (response.statusCode() != 200) {
      throw new AssertionError("zalo control refused: " + response.bodyAsString());
    }
  }

  String setting(Setting setting) {
    return config.string(setting);
  }

  @Override
  public void close() {
    d.close();
  }
}
