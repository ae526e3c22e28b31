package vn.lienlac.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * RFC 9457 problem documents with a stable {@code type} and a title in Vietnamese, or English when the
 * caller sends {@code Accept-Language: en}. Texts come from the {@code problems} message bundle.
 */
public final class Problems {

  private static final String TYPE_BASE = "https://lienlac.vn/problems/";

  private Problems() {}

  public static void send(RoutingContext ctx, int status, String type) {
    send(ctx, status, type, null);
  }

  /** With extension members (e.g. {@code errors}, {@code retryAfterSeconds}) added to the document. */
  public static void send(RoutingContext ctx, int status, String type, JsonObject extensions) {
    Locale locale = prefersEnglish(ctx) ? Locale.ENGLISH : Locale.forLanguageTag("vi");
    // No fallback to the JVM's default locale: Vietnamese (the base bundle) is the default, whatever the server's.
    ResourceBundle texts = ResourceBundle.getBundle("vn.lienlac.api.problems", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    JsonObject body = new JsonObject()
        .put("type", TYPE_BASE + type)
        .put("title", texts.getString(type))
        .put("status", status)
        .put("requestId", RequestIds.of(ctx));
    if (extensions != null) {
      extensions.forEach(e -> body.put(e.getKey(), e.getValue()));
    }
    ctx.response().setStatusCode(status)
        .putHeader("content-type", "application/problem+json")
        .putHeader("content-language", locale.getLanguage())
        .end(body.encode());
  }

  public static boolean prefersEnglish(RoutingContext ctx) {
    String header = ctx.request().getHeader("Accept-Language");
    return header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("en");
  }
}
