package vn.lienlac.api.v1;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import vn.lienlac.api.http.Problems;

/**
 * Turns a request the contract refuses into 400 {@code request-invalid} with {@code errors}: one
 * entry per problem, each naming the field (a JSON pointer into the body, or the parameter) and why.
 * Other failures go on to the router's error handlers. A body over the limit is 413.
 */
final class ContractProblems {

  private ContractProblems() {}

  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.statusCode() == 413) {
      Problems.send(ctx, 413, "body-too-large");
      return;
    }
    if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException invalid) {
      Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors", errors(invalid)));
      return;
    }
    if (failure instanceof ValidatorException invalid) {
      Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors", errors(invalid)));
      return;
    }
    ctx.next();
  }

  static JsonArray errors(ValidatorException e) {
    JsonArray errors = new JsonArray();
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      collect(schema.getOutputUnit(), errors);
      // A parameter's value is the schema's whole instance: name the parameter rather than "/".
      String parameter = fieldOf(e.getMessage());
      for (int i = 0; i < errors.size(); i++) {
        if (!parameter.equals("/") && errors.getJsonObject(i).getString("field").equals("/")) {
          errors.getJsonObject(i).put("field", parameter);
        }
      }
    }
    if (errors.isEmpty()) {
      errors.add(new JsonObject().put("field", fieldOf(e.getMessage())).put("reason", e.getMessage()));
    }
    return errors;
  }

  private static void collect(OutputUnit unit, JsonArray into) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      for (OutputUnit inner : unit.getErrors()) {
        collect(inner, into);
      }
      return;
    }
    if (unit.getError() != null) {
      String location = unit.getInstanceLocation();
      into.add(new JsonObject()
          .put("field", location == null || location.isEmpty() || location.equals("#") ? "/" : location.replaceFirst("^#", ""))
          .put("reason", unit.getError()));
    }
  }

  /** Parameter errors read "The value of path parameter id is invalid…": name the parameter. */
  private static String fieldOf(String message) {
    if (message == null) {
      return "/";
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("parameter (\\S+)").matcher(message);
    return m.find() ? m.group(1) : "/";
  }
}
