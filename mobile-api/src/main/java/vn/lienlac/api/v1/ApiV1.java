package vn.lienlac.api.v1;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;
import vn.lienlac.api.auth.Authentication;
import vn.lienlac.api.platform.idempotency.Idempotency;
import vn.lienlac.api.platform.limits.JsonDepth;
import vn.lienlac.api.platform.limits.RateLimiting;

/**
 * {@code /api/v1}: the OpenAPI contract ({@value #CONTRACT}) is the source of truth. Every request is
 * authenticated when its operation has a security requirement, then validated against the contract,
 * before a feature's handler runs; what does not fit gets 400 naming the field ({@link ContractProblems}).
 * Around that, the platform's guards: rate limits per IP (before authentication) and per user (after),
 * JSON depth and body size limits, and {@code Idempotency-Key} on every operation declaring it.
 */
public final class ApiV1 {

  public static final String CONTRACT = "openapi/lienlac-v1.yaml";
  public static final String BASE_PATH = "/api/v1";
  /** Largest request body accepted anywhere under /api/v1 (statements and attachments go elsewhere). */
  public static final long BODY_LIMIT_BYTES = 256 * 1024;

  private ApiV1() {}

  /** The router to mount at {@value #BASE_PATH}, from our contract. */
  public static Future<Router> router(Vertx vertx, Authentication authentication, RateLimiting rateLimiting,
                                      Idempotency idempotency, List<ApiFeature> features) {
    return router(vertx, CONTRACT, authentication, rateLimiting, idempotency, features);
  }

  /**
   * The same from the contract at {@code contractResource} (tests exercise the platform on contracts
   * of their own rather than adding operations to ours).
   */
  public static Future<Router> router(Vertx vertx, String contractResource, Authentication authentication,
                                      RateLimiting rateLimiting, Idempotency idempotency, List<ApiFeature> features) {
    return vertx.fileSystem().readFile(contractResource).compose(text -> OpenAPIContract.from(vertx, ContractDocument.forValidator(text)).map(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      // Before validation: a pathologically nested body is refused before anything parses it whole.
      builder.rootHandler(JsonDepth.handler());
      for (OpenAPIRoute route : builder.getRoutes()) {
        route.setDoSecurity(false);
        route.addFailureHandler(ContractProblems::handle);
      }
      RouterBuilder forFeatures = new IdempotentRoutes(builder, idempotency);
      for (ApiFeature feature : features) {
        feature.mount(forFeatures);
      }
      Router v1 = Router.router(vertx);
      // The body is read first: every later guard (rate limits, authentication) may answer asynchronously,
      // and a request body must not flow by unread meanwhile. A WebSocket upgrade has no body, but Vert.x
      // upgrades only a request whose end it has not yet delivered: it waits paused for its handler.
      BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
      java.util.Set<String> ownBody = new java.util.HashSet<>();
      for (ApiFeature feature : features) {
        feature.pathsReadingTheirOwnBody().forEach(path -> ownBody.add(BASE_PATH + path));
      }
      v1.route().handler(ctx -> {
        if (isWebSocketUpgrade(ctx) || ownBody.contains(ctx.request().path())) {
          ctx.request().pause();
          ctx.next();
        } else {
          body.handle(ctx);
        }
      });
      v1.route().handler(rateLimiting.perIp());
      v1.get("/openapi.yaml").handler(serve(text));
      // Authentication runs before validation, so an anonymous caller learns nothing from 400s.
      v1.route().handler(ctx -> {
        if (SecuredOperations.requiresCaller(contract, ctx)) {
          authentication.handle(ctx);
        } else {
          ctx.next();
        }
      });
      v1.route().handler(rateLimiting.perUser());
      for (ApiFeature feature : features) {
        feature.mountOutsideContract(v1);
      }
      v1.route().subRouter(builder.createRouter());
      return v1;
    }));
  }

  private static boolean isWebSocketUpgrade(RoutingContext ctx) {
    String upgrade = ctx.request().getHeader("Upgrade");
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  private static Handler<RoutingContext> serve(Buffer text) {
    return ctx -> ctx.response().putHeader("content-type", "application/yaml; charset=utf-8")
        .putHeader("cache-control", "public, max-age=300").end(text);
  }
}
