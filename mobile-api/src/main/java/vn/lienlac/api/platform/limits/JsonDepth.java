package vn.lienlac.api.platform.limits;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import vn.lienlac.api.http.Problems;

/**
 * Refuses JSON bodies nested deeper than {@value #MAX_DEPTH} with 400 {@code json-too-deep}, before
 * the body is parsed or validated: a deeply nested document costs a recursive parser stack and the
 * schema validator time out of proportion to its size. One pass over the raw bytes, counting brackets
 * outside strings; whether the rest is valid JSON is the validator's business.
 */
public final class JsonDepth {

  public static final int MAX_DEPTH = 32;

  private JsonDepth() {}

  public static Handler<RoutingContext> handler() {
    return ctx -> {
      Buffer body = ctx.body() == null ? null : ctx.body().buffer();
      String type = ctx.request().getHeader("content-type");
      if (body != null && type != null && type.contains("json") && deeperThan(body, MAX_DEPTH)) {
        Problems.send(ctx, 400, "json-too-deep", new JsonObject().put("maxDepth", MAX_DEPTH));
      } else {
        ctx.next();
      }
    };
  }

  /** Whether any value in the text is nested more than {@code max} arrays/objects deep. */
  static boolean deeperThan(Buffer json, int max) {
    int depth = 0;
    boolean inString = false;
    int length = json.length();
    for (int i = 0; i < length; i++) {
      byte b = json.getByte(i);
      if (inString) {
        if (b == '\\') {
          i++; // the escaped character cannot end the string
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        if (++depth > max) {
          return true;
        }
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return false;
  }
}
