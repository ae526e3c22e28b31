package vn.lienlac.api.threads;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import vn.lienlac.api.http.Problems;

/**
 * Why a thread request was refused, raised inside a transaction so that nothing partial is stored, and
 * answered as a problem document: 404 {@code not-found} (outside the caller's reach, or missing) or a
 * 4xx naming the field.
 */
final class Refusal extends RuntimeException {

  private final int status;
  private final String type;
  private final String field;

  private Refusal(int status, String type, String field, String reason) {
    super(reason, null, false, false);
    this.status = status;
    this.type = type;
    this.field = field;
  }

  static Refusal notFound() {
    return new Refusal(404, "not-found", null, null);
  }

  /** 422 with {@code errors: [{field, reason}]}. */
  static Refusal field(String type, String field, String reason) {
    return new Refusal(422, type, field, reason);
  }

  /** 400 {@code request-invalid} naming the field, as the contract validator answers. */
  static Refusal invalid(String field, String reason) {
    return new Refusal(400, "request-invalid", field, reason);
  }

  void answer(RoutingContext ctx) {
    JsonObject extensions = field == null ? null : new JsonObject().put("errors",
        new JsonArray().add(new JsonObject().put("field", field).put("reason", getMessage())));
    Problems.send(ctx, status, type, extensions);
  }

  /** Answers a refusal, or passes anything else to the failure handler (500 with the request id). */
  static void answer(RoutingContext ctx, Throwable failure) {
    if (failure instanceof Refusal r) {
      r.answer(ctx);
    } else {
      ctx.fail(failure);
    }
  }
}
