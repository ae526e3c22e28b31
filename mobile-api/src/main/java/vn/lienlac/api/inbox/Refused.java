package vn.lienlac.api.inbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import vn.lienlac.api.http.Problems;

/**
 * A request refused inside a transaction: thrown to roll it back, answered as a problem afterwards by
 * {@link #answer}. Anything else that failed is the server's fault and goes to the failure handler.
 */
final class Refused extends RuntimeException {

  final int status;
  final String type;
  final JsonObject extensions;

  Refused(int status, String type, JsonObject extensions) {
    super(type, null, false, false);
    this.status = status;
    this.type = type;
    this.extensions = extensions;
  }

  static Refused notFound() {
    return new Refused(404, "not-found", null);
  }

  /** 400 {@code request-invalid} naming the field, as the contract validator words it. */
  static Refused invalid(String field, String reason) {
    return new Refused(400, "request-invalid", new JsonObject().put("errors", new JsonArray()
        .add(new JsonObject().put("field", field).put("reason", field + ": " + reason))));
  }

  static void answer(RoutingContext ctx, Throwable e) {
    if (e instanceof Refused r) {
      Problems.send(ctx, r.status, r.type, r.extensions);
    } else {
      ctx.fail(e);
    }
  }
}
