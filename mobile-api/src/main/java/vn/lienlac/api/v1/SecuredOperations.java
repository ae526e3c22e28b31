package vn.lienlac.api.v1;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

/**
 * Whether an operation needs a signed-in caller: its own {@code security} list when it has one
 * ({@code security: []} makes it public, as for sign-in), otherwise the document's.
 */
final class SecuredOperations {

  private SecuredOperations() {}

  static boolean requiresCaller(OpenAPIContract contract, RoutingContext ctx) {
    Operation operation = contract.findOperation(ctx.request().path(), ctx.request().method());
    if (operation == null) {
      return false; // 404/405 follow; nothing to protect
    }
    JsonObject raw = operation.getOpenAPIModel();
    JsonArray security = raw.containsKey("security") ? raw.getJsonArray("security")
        : contract.getRawContract().getJsonArray("security", new JsonArray());
    return !security.isEmpty();
  }
}
