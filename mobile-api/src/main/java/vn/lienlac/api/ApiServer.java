package vn.lienlac.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import vn.lienlac.api.v1.ApiDependencies;
import vn.lienlac.api.v1.ApiFeatures;
import vn.lienlac.api.v1.ApiV1;
import vn.lienlac.api.v1.ApiFeature;
import java.util.List;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import vn.lienlac.api.http.ClientAddress;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.http.RequestIds;
import vn.lienlac.api.ops.OperationsRoutes;
import vn.lienlac.api.ops.ReadinessCheck;
import vn.lienlac.api.platform.docs.ApiDocs;
import vn.lienlac.api.platform.idempotency.Idempotency;
import vn.lienlac.api.platform.limits.RateLimiting;
import vn.lienlac.api.realtime.RealtimeFeature;
import vn.lienlac.api.webhooks.BankWebhooks;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.api.webhooks.delivery.DeliveryWebhooks;

/**
 * The HTTP door of the {@code api} role. On undeploy it stops accepting connections and lets
 * in-flight requests finish within the grace period.
 */
public final class ApiServer extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final ApiServerOptions options;
  private final ReadinessCheck readiness;
  private final Handler<RoutingContext> metrics;
  private final ApiDependencies dependencies;
  private final DeliveryWebhooks webhooks;
  private HttpServer server;

  /** @param dependencies what the features of {@code /api/v1} are built from */
  public ApiServer(ApiServerOptions options, ReadinessCheck readiness, Handler<RoutingContext> metrics,
                   ApiDependencies dependencies) {
    this(options, readiness, metrics, dependencies, DeliveryWebhooks.NONE);
  }

  /** @param webhooks the delivery providers' callbacks, mounted under {@code /webhooks} */
  public ApiServer(ApiServerOptions options, ReadinessCheck readiness, Handler<RoutingContext> metrics,
                   ApiDependencies dependencies, DeliveryWebhooks webhooks) {
    this.options = options;
    this.readiness = readiness;
    this.metrics = metrics;
    this.dependencies = dependencies;
    this.webhooks = webhooks;
  }

  @Override
  public Future<?> start() {
    ApiDependencies deps = dependencies;
    List<ApiFeature> features = ApiFeatures.all(deps);
    return ApiV1.router(vertx, ApiFeatures.authentication(deps), new RateLimiting(deps.redis(), options.rateLimits()),
        new Idempotency(deps.pool()), features).compose(v1 -> {
      Router router = Router.router(vertx);
      router.route().handler(RequestIds::assign);
      router.route().handler(ClientAddress.resolver(options.trustedProxies()));
      router.route().handler(ApiServer::logWhenDone);
      OperationsRoutes.mount(router, readiness, metrics);
      ApiDocs.mount(router);
      new BankWebhooks(deps.webhooks(), BankTransactions.create(deps.pool()), deps.clock()).mount(router);
      router.route(ApiV1.BASE_PATH + "/*").subRouter(v1);
      features.forEach(f -> f.mountPublic(router));
      webhooks.mount(router);
      router.route().last().handler(ctx -> Problems.send(ctx, 404, "not-found"));
      router.errorHandler(404, ctx -> Problems.send(ctx, 404, "not-found"));
      router.errorHandler(405, ctx -> Problems.send(ctx, 405, "method-not-allowed"));
      router.errorHandler(413, ctx -> Problems.send(ctx, 413, "body-too-large"));
      router.errorHandler(500, ApiServer::internalError);

      server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port())
          .setCompressionSupported(true)
          .addWebSocketSubProtocol(RealtimeFeature.SUBPROTOCOL)
          // A deflater per WebSocket costs hundreds of KiB: tens of thousands of sockets could not afford it.
          .setPerMessageWebSocketCompressionSupported(false)
          .setPerFrameWebSocketCompressionSupported(false));
      return server.requestHandler(router).listen()
          .onSuccess(s -> LOG.info("HTTP API listening on {}:{}", options.host(), s.actualPort()));
    });
  }

  @Override
  public Future<?> stop() {
    LOG.info("HTTP API stopping: no new connections, {} s for in-flight requests", options.shutdownGrace().toSeconds());
    return server == null ? Future.succeededFuture()
        : server.shutdown(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }

  private static void internalError(RoutingContext ctx) {
    withRequestId(ctx, () -> LOG.error("request failed: {} {}", ctx.request().method(), ctx.request().path(),
        ctx.failure()));
    if (!ctx.response().headWritten()) {
      Problems.send(ctx, 500, "internal-error");
    }
  }

  private static void logWhenDone(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.startsWith("/health/") || path.equals("/metrics")) {
      ctx.next(); // polled every few seconds; logging them would bury everything else
      return;
    }
    long started = System.nanoTime();
    ctx.addEndHandler(done -> withRequestId(ctx, () -> LOG.info("{} {} -> {} in {} ms",
        ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
        (System.nanoTime() - started) / 1_000_000)));
    ctx.next();
  }

  /** MDC is per thread; set it only around the log call so event-loop threads never carry a stale id. */
  private static void withRequestId(RoutingContext ctx, Runnable log) {
    MDC.put("request_id", RequestIds.of(ctx));
    try {
      log.run();
    } finally {
      MDC.remove("request_id");
    }
  }
}
