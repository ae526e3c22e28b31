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

/**
 * {@code /api/v1}: the OpenAPI contract ({@value #CONTRACT}) is the source of truth. Every request is
 * authenticated when its operation has a security requirement, then validated against the contract,
 * before a feature's handler runs; what does not fit gets 400 naming the field ({@link ContractProblems}).
 */
public final class ApiV1 {

  public static final String CONTRACT = "openapi/lienlac-v1.yaml";
  public static final String BASE_PATH = "/api/v1";
  /** Largest request body accepted anywhere under /api/v1 (statements and attachments go elsewhere). */
  public static final long BODY_LIMIT_BYTES = 256 * 1024;

  private ApiV1() {}

  /** The router to mount at {@value #BASE_PATH}. */
  public static Future<Router> router(Vertx vertx, Authentication authentication, List<ApiFeature> features) {
    return contractText(vertx).compose(text -> OpenAPIContract.from(vertx, ContractDocument.forValidator(text)).map(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      builder.rootHandler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
      for (OpenAPIRoute route : builder.getRoutes()) {
        route.setDoSecurity(false);
        route.addFailureHandler(ContractProblems::handle);
      }
      for (ApiFeature feature : features) {
        feature.mount(builder);
      }
      Router v1 = Router.router(vertx);
      v1.get("/openapi.yaml").handler(serve(text));
      // Authentication runs before validation, so an anonymous caller learns nothing from 400s.
      v1.route().handler(ctx -> {
        if (SecuredOperations.requiresCaller(contract, ctx)) {
          authentication.handle(ctx);
        } else {
          ctx.next();
        }
      });
      for (ApiFeature feature : features) {
        feature.mountOutsideContract(v1);
      }
      v1.route().subRouter(builder.createRouter());
      return v1;
    }));
  }

  private static Future<Buffer> contractText(Vertx vertx) {
    return vertx.fileSystem().readFile(CONTRACT);
  }

  private static Handler<RoutingContext> serve(Buffer text) {
    return ctx -> ctx.response().putHeader("content-type", "application/yaml; charset=utf-8")
        .putHeader("cache-control", "public, max-age=300").end(text);
  }
}
