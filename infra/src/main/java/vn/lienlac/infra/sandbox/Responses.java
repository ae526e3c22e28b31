package vn.lienlac.infra.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How every sandbox twin answers: JSON, after the latency it was told to have; 429 with Retry-After. */
public final class Responses {

  private Responses() {}

  public static void json(Vertx vertx, RoutingContext ctx, long latencyMs, int status, JsonObject body) {
    if (status == 429) {
      ctx.response().putHeader("Retry-After", "1");
    }
    Runnable send = () -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(body.encode());
    if (latencyMs > 0) {
      vertx.setTimer(latencyMs, t -> send.run());
    } else {
      send.run();
    }
  }
}
