package vn.lienlac.api.ops;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code /health/live}, {@code /health/ready} and {@code /metrics}: what orchestrators and Prometheus poll. */
public final class OperationsRoutes {

  private OperationsRoutes() {}

  public static void mount(Router router, ReadinessCheck readiness, Handler<RoutingContext> metrics) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/health/ready").handler(ctx -> readiness.check().onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      Map<String, String> checks = result.result();
      boolean ready = checks.values().stream().allMatch("up"::equals);
      json(ctx, ready ? 200 : 503, new JsonObject()
          .put("status", ready ? "up" : "down")
          .put("checks", new JsonObject(Map.copyOf(checks))));
    }));
    router.get("/metrics").handler(metrics);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store").end(body.encode());
  }
}
