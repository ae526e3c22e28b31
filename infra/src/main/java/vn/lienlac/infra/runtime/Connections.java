package vn.lienlac.infra.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.messaging.directory.DistrictDatabase;

/** Builds Vert.x and the clients to our database, the district database and Redis from configuration. */
public final class Connections {

  private Connections() {}

  /** Vert.x of a serving process, reporting to the Prometheus registry. */
  public static Vertx vertx(Metrics metrics) {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
        // Its gauges carry no client name, so two pools would collide; pools report as sql clients anyway.
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        // Our pool and the district pool report apart.
        .addLabels(Label.NAMESPACE, Label.POOL_NAME, Label.POOL_TYPE);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
  }

  /** Vert.x of a one-shot command: nobody scrapes its metrics. */
  public static Vertx commandVertx() {
    return Vertx.vertx();
  }

  public static PgUrl oursUrl(LienlacConfig config) {
    return parse(config, Setting.PG_URL);
  }

  public static PgUrl districtUrl(LienlacConfig config) {
    return parse(config, Setting.DISTRICT_PG_URL);
  }

  public static Pool ours(Vertx vertx, LienlacConfig config) {
    PgConnectOptions connect = PgConnectOptions.fromUri(oursUrl(config).uri());
    connect.addProperty("application_name", "lienlac");
    connect.setMetricsName("lienlac");
    connect.setPipeliningLimit(256);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.integer(Setting.PG_POOL_SIZE)).setName("lienlac")
            .setConnectionTimeout(10).setConnectionTimeoutUnit(TimeUnit.SECONDS))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  public static Pool district(Vertx vertx, LienlacConfig config) {
    PgConnectOptions connect = DistrictDatabase.connectOptions(districtUrl(config).uri());
    connect.setMetricsName("district");
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.integer(Setting.DISTRICT_POOL_SIZE)).setName("district"))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  public static Redis redis(Vertx vertx, LienlacConfig config) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(config.string(Setting.REDIS_URL))
        .setMaxPoolSize(8)
        .setMaxPoolWaiting(256));
  }

  /** A client for one long-lived pub/sub connection (realtime fan-out), apart from the command pool. */
  public static Redis redisSubscriber(Vertx vertx, LienlacConfig config) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(config.string(Setting.REDIS_URL))
        .setMaxPoolSize(1));
  }

  private static PgUrl parse(LienlacConfig config, Setting setting) {
    try {
      return PgUrl.parse(config.string(setting));
    } catch (IllegalArgumentException e) {
      throw new vn.lienlac.infra.config.ConfigException(setting.env() + ": " + e.getMessage());
    }
  }
}
