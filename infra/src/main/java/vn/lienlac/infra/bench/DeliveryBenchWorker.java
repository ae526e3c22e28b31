package vn.lienlac.infra.bench;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.api.devices.DeviceStore;
import vn.lienlac.delivery.DeliveryEvents;
import vn.lienlac.delivery.DeliveryOptions;
import vn.lienlac.delivery.DeliveryWorker;
import vn.lienlac.delivery.dispatch.DispatchOptions;
import vn.lienlac.delivery.dispatch.MessageDispatcher;
import vn.lienlac.delivery.policy.SchoolPolicy;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.delivery.DeliveryWiring;
import vn.lienlac.infra.delivery.PushWiring;
import vn.lienlac.infra.launcher.ServeCommand;
import vn.lienlac.infra.sandbox.SandboxAccounts;
import vn.lienlac.infra.sandbox.SandboxSettings;
import vn.lienlac.messaging.notice.NoticeTemplates;
import vn.lienlac.messaging.ratelimit.TokenBuckets;

/**
 * One workers process of the delivery benchmark (a child JVM): the delivery worker with the push
 * channel against the sandbox, and the message dispatcher, built from settings as `serve --role
 * workers` builds them, without the directory sync the benchmark does not need. Runs until killed.
 */
@Command(name = "delivery-worker", hidden = true, description = "A workers process of `bench delivery` (internal).")
public final class DeliveryBenchWorker implements Callable<Integer> {

  @Option(names = "--pg-url", required = true) String pgUrl;
  @Option(names = "--redis-url", required = true) String redisUrl;
  @Option(names = "--sandbox-url", required = true) String sandboxUrl;
  @Option(names = "--bucket-prefix", required = true) String bucketPrefix;
  @Option(names = "--batch", defaultValue = "500") int batch;
  @Option(names = "--rate", defaultValue = "9500") double rate;
  @Option(names = "--connections", defaultValue = "4") int connections;
  @Option(names = "--streams", defaultValue = "250") int streams;
  @Option(names = "--instances", defaultValue = "2") int instances;
  @Option(names = "--lease", defaultValue = "PT30S") Duration lease;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    Map<String, String> env = new HashMap<>(Map.of("LIENLAC_PG_URL", pgUrl, "LIENLAC_REDIS_URL", redisUrl,
        "LIENLAC_FCM_CONNECTIONS", Integer.toString(connections),
        "LIENLAC_FCM_STREAMS_PER_CONNECTION", Integer.toString(streams)));
    LienlacConfig config = SandboxSettings.pointAt(LienlacConfig.from(env, Map.of(), "none"), sandboxUrl, SandboxAccounts.DEMO);
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(16).setMaxWaitQueueSize(-1))
        .connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
    Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
        .setMaxPoolSize(16).setMaxPoolWaiting(100_000));
    DeliveryOptions options = new DeliveryOptions(batch, lease, Duration.ofMillis(500), 20,
        Duration.ofMillis(500), Duration.ofSeconds(10), 20)
        .withBreaker(20, Duration.ofSeconds(5)).withChannelRate("push", rate);
    DeviceStore devices = DeviceStore.create(pool);
    // Several worker verticles per process: each runs its own claim/send/record loop on its event loop.
    for (int i = 0; i < instances; i++) {
      var push = PushWiring.pushChannel(vertx, config, devices).orElseThrow();
      vertx.deployVerticle(new DeliveryWorker(pool, PgConnectOptions.fromUri(pgUrl),
          List.of(DeliveryWiring.smsChannel(io.vertx.ext.web.client.WebClient.create(vertx), config), push),
          new TokenBuckets(redis, bucketPrefix), options, NoticeTemplates.BUNDLED, DeliveryEvents.NONE)).await();
    }
    vertx.deployVerticle(new MessageDispatcher(pool, new NoUserEvents(), new DispatchOptions(5_000,
        Duration.ofMillis(500), SchoolPolicy.DEFAULTS), java.time.Clock.systemUTC())).await();
    System.out.println("ready");
    System.out.flush();
    ServeCommand.awaitShutdown(() -> vertx.close().await());
    return 0;
  }

  /** The benchmark has no api processes to tell. */
  private static final class NoUserEvents implements vn.lienlac.messaging.events.UserEvents {
    @Override
    public io.vertx.core.Future<Long> publish(String subject, String type, io.vertx.core.json.JsonObject data) {
      return io.vertx.core.Future.succeededFuture(0L);
    }

    @Override
    public io.vertx.core.Future<Long> publish(io.vertx.sqlclient.SqlConnection tx, String subject, String type,
                                              io.vertx.core.json.JsonObject data) {
      return io.vertx.core.Future.succeededFuture(0L);
    }
  }
}
