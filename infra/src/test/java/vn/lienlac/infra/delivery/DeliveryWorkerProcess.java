package vn.lienlac.infra.delivery;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.lienlac.delivery.DeliveryOptions;
import vn.lienlac.delivery.DeliveryWorker;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.sandbox.SandboxAccounts;
import vn.lienlac.infra.sandbox.SandboxSettings;
import vn.lienlac.messaging.notice.NoticeTemplates;
import vn.lienlac.messaging.ratelimit.TokenBuckets;

/** A workers process of its own, for tests that kill it with SIGKILL: args pg-url redis-url sandbox-url bucket-prefix lease. */
public final class DeliveryWorkerProcess {

  public static void main(String[] args) {
    String pgUrl = args[0];
    String redisUrl = args[1];
    String sandboxUrl = args[2];
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
    Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
    LienlacConfig config = SandboxSettings.pointAt(LienlacConfig.from(Map.of("LIENLAC_SMS_PROVIDER", "esms"), Map.of(), "none"),
        sandboxUrl, SandboxAccounts.DEMO);
    DeliveryOptions options = new DeliveryOptions(20, Duration.parse(args[4]), Duration.ofMillis(200), 5,
        Duration.ofMillis(50), Duration.ofSeconds(2), 1_000);
    DeliveryWorker worker = new DeliveryWorker(pool, PgConnectOptions.fromUri(pgUrl),
        List.of(DeliveryWiring.smsChannel(WebClient.create(vertx), config)), new TokenBuckets(redis, args[3]),
        options, NoticeTemplates.BUNDLED, vn.lienlac.delivery.DeliveryEvents.NONE);
    vertx.deployVerticle(worker).await();
    System.out.println("worker " + worker.workerId() + " started");
  }
}
