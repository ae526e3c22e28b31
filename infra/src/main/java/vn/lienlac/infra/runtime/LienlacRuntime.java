package vn.lienlac.infra.runtime;

import io.vertx.core.Future;
import vn.lienlac.api.devices.DeviceStore;
import vn.lienlac.api.realtime.RealtimeEvents;
import vn.lienlac.messaging.events.UserEvents;
import io.vertx.core.Vertx;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.ApiServer;
import vn.lienlac.api.ApiServerOptions;
import vn.lienlac.api.auth.AccessTokens;
import vn.lienlac.api.http.TrustedProxies;
import vn.lienlac.api.signin.SignInHousekeeping;
import vn.lienlac.api.realtime.Realtime;
import vn.lienlac.api.realtime.RealtimeFanOut;
import vn.lienlac.api.realtime.RealtimeOptions;
import vn.lienlac.api.realtime.RealtimePurge;
import vn.lienlac.api.v1.ApiDependencies;
import java.time.Clock;
import vn.lienlac.api.platform.idempotency.IdempotencyPurge;
import vn.lienlac.api.platform.limits.RateLimits;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.messaging.directory.DirectorySync;
import vn.lienlac.messaging.directory.DirectorySyncOptions;
import vn.lienlac.messaging.directory.DirectorySyncVerticle;
import vn.lienlac.messaging.expansion.ExpansionOptions;
import vn.lienlac.messaging.expansion.RecipientExpansion;
import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.infra.delivery.DeliveryWiring;
import vn.lienlac.messaging.thread.StaffDeliveryRelease;
import vn.lienlac.api.webhooks.delivery.DeliveryWebhooks;
import vn.lienlac.infra.delivery.ZaloWiring;
import io.vertx.pgclient.PgConnectOptions;
import vn.lienlac.payment.events.InvoiceUpdates;

/**
 * One running Liên Lạc process: Vert.x, its clients, and the verticles of its role, deployed
 * explicitly. {@link #close} undeploys them gracefully (HTTP stops accepting and drains, the sync
 * finishes its page), then closes the clients.
 */
public final class LienlacRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LienlacRuntime.class);

  /** How often the workers look for queued thread messages whose office hours opened (a minute's precision is plenty). */
  private static final Duration THREAD_RELEASE_INTERVAL = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final Duration grace;
  private final List<String> deployments = new ArrayList<>();
  private ApiServer api;

  private LienlacRuntime(Vertx vertx, Duration grace) {
    this.vertx = vertx;
    this.grace = grace;
  }

  public static LienlacRuntime start(LienlacConfig config, Role role) {
    Metrics metrics = new Metrics();
    Vertx vertx = Connections.vertx(metrics);
    LienlacRuntime runtime = new LienlacRuntime(vertx, config.duration(Setting.SHUTDOWN_GRACE));
    try {
      Pool ours = Connections.ours(vertx, config);
      Redis redis = Connections.redis(vertx, config);
      if (role.runsApi()) {
        Readiness readiness = new Readiness(vertx, ours, redis, ModuleMigrations.of(Connections.oursUrl(config)));
        RealtimeOptions realtimeOptions = RealtimeSettings.options(config);
        Realtime realtime = Realtime.create(ours, redis, realtimeOptions);
        metrics.realtime(realtime.hub());
        ApiDependencies deps = new ApiDependencies(vertx, ours, redis,
            new AccessTokens(ApiKeys.signingKey(config), config.duration(Setting.ACCESS_TOKEN_TTL), Clock.systemUTC()),
            Notices.create(ours),
            Clock.systemUTC(), SignInConfig.from(config), realtime,
            BankIntakeConfig.webhooks(config, metrics.bankIntake()), realtime.events()::publish);
        // The subscription holds its own Redis connection; the fan-out is up before the server takes sockets.
        runtime.deploy(new RealtimeFanOut(realtime.hub(), Connections.redisSubscriber(vertx, config)));
        runtime.deploy(new RealtimePurge(ours, realtimeOptions));
        runtime.api = new ApiServer(new ApiServerOptions(config.string(Setting.HTTP_HOST),
            config.integer(Setting.HTTP_PORT), runtime.grace, trustedProxies(config), rateLimits(config)), readiness,
            PrometheusScrapingHandler.create(metrics.registry()), deps, webhooks(ours, config, realtime));
        runtime.deploy(runtime.api);
        runtime.deploy(new IdempotencyPurge(ours));
      }
      if (role.runsWorkers()) {
        WorkerJobs jobs = workerJobs(config);
        List<String> pending = ModuleMigrations.of(Connections.oursUrl(config)).pending();
        if (!pending.isEmpty()) {
          LOG.warn("migrations {} are not applied: the directory sync and delivery fail until `./lienlac migrate` runs", pending);
        }
        runtime.deploy(new SignInHousekeeping(ours, Duration.ofHours(1)));
        if (jobs.runs(WorkerJobs.Job.DIRECTORY_SYNC)) {
          Pool district = Connections.district(vertx, config);
          DirectorySync sync = DirectorySync.create(district, ours, new DirectorySyncOptions(
              config.integer(Setting.DISTRICT_PAGE_SIZE), config.duration(Setting.DISTRICT_FULL_PASS_EVERY), config.integer(Setting.DISTRICT_PARALLEL_TABLES)));
          runtime.deploy(new DirectorySyncVerticle(sync, config.duration(Setting.DISTRICT_SYNC_INTERVAL),
              metrics.directorySync()));
        }
        // Workers raise realtime events (message.created, delivery.updated, invoice.updated) through the
        // messaging port; the mobile API's publisher stores them and fans them out like the API's own.
        UserEvents userEvents = RealtimeEvents.create(ours, redis, RealtimeSettings.options(config).channel());
        if (jobs.runs(WorkerJobs.Job.EXPANSION)) {
          runtime.deploy(new RecipientExpansion(ours, PgConnectOptions.fromUri(Connections.oursUrl(config).uri()),
              new ExpansionOptions(config.integer(Setting.EXPANSION_CHUNK_SIZE), config.duration(Setting.EXPANSION_LEASE),
                  config.duration(Setting.EXPANSION_POLL_INTERVAL), config.integer(Setting.EXPANSION_LANES)), userEvents));
        }
        if (jobs.runs(WorkerJobs.Job.DELIVERY)) {
          runtime.deploy(DeliveryWiring.worker(vertx, ours, PgConnectOptions.fromUri(Connections.oursUrl(config).uri()),
              redis, config, DeliveryWiring.BUCKET_PREFIX, metrics.delivery(), DeviceStore.create(ours)));
          runtime.deploy(DeliveryWiring.dispatcher(ours, userEvents, config));
        }
        if (jobs.runs(WorkerJobs.Job.PAYMENTS)) {
          runtime.deploy(PaymentWorkers.reconciliation(ours, Connections.oursUrl(config), config,
              new InvoiceUpdates(ours, userEvents)));
          // Credits whose webhook never came: pulled from the bank feed (SePay API v2) when a token is configured.
          if (config.has(Setting.SEPAY_API_TOKEN)) {
            runtime.deploy(BankIntakeConfig.pull(vertx, ours, redis, config, metrics.bankIntake()));
          }
          runtime.deploy(PaymentWorkers.reminders(ours, config));
        }
        if (jobs.runs(WorkerJobs.Job.THREADS)) {
          // Guardians' thread messages held back by office hours reach the staff member when the office opens.
          runtime.deploy(new StaffDeliveryRelease(ours, userEvents, Clock.systemUTC(), THREAD_RELEASE_INTERVAL));
        }
      }
      LOG.info("Liên Lạc started, role {}", role.name().toLowerCase());
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /** The jobs LIENLAC_WORKER_JOBS names; a bad list is a configuration error naming the setting. */
  public static WorkerJobs workerJobs(LienlacConfig config) {
    try {
      return WorkerJobs.parse(config.string(Setting.WORKER_JOBS));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Setting.WORKER_JOBS.env() + ": " + e.getMessage() + " (from "
          + config.source(Setting.WORKER_JOBS) + ")");
    }
  }

  private static TrustedProxies trustedProxies(LienlacConfig config) {
    try {
      return TrustedProxies.parse(config.string(Setting.TRUSTED_PROXIES));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Setting.TRUSTED_PROXIES.env() + ": " + e.getMessage() + " (from "
          + config.source(Setting.TRUSTED_PROXIES) + ")");
    }
  }

  static RateLimits rateLimits(LienlacConfig config) {
    try {
      return new RateLimits(config.integer(Setting.RATE_LIMIT_USER_PER_SECOND), config.integer(Setting.RATE_LIMIT_USER_BURST),
          config.integer(Setting.RATE_LIMIT_IP_PER_SECOND), config.integer(Setting.RATE_LIMIT_IP_BURST),
          RateLimits.DEFAULTS.keyPrefix());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("LIENLAC_RATE_LIMIT_*: " + e.getMessage());
    }
  }

  public int httpPort() {
    return api == null ? -1 : api.actualPort();
  }

  private void deploy(io.vertx.core.Deployable verticle) {
    try {
      deployments.add(vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not start " + verticle.getClass().getSimpleName() + " within 60 s");
    }
  }

  @Override
  public void close() {
    LOG.info("Liên Lạc stopping");
    try {
      // Undeploy in reverse order: stop taking requests first, then let workers finish their batch.
      Future<Void> undeployed = Future.succeededFuture();
      for (int i = deployments.size() - 1; i >= 0; i--) {
        String id = deployments.get(i);
        undeployed = undeployed.compose(v -> vertx.undeploy(id));
      }
      undeployed.await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("graceful stop did not finish within {}: {}", grace, e.getMessage());
    }
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.getMessage());
    }
    LOG.info("Liên Lạc stopped");
  }

  /** The delivery providers' callbacks; their delivery.updated events go through the realtime publisher. */
  private static DeliveryWebhooks webhooks(Pool ours, LienlacConfig config, Realtime realtime) {
    UserEvents events = realtime.events();
    return new DeliveryWebhooks(ZaloWiring.zaloWebhooks(ours, config, events),
        ZaloWiring.twilioCallbacks(ours, config, events), ZaloWiring.esmsCallbacks(ours, config, events));
  }
}
