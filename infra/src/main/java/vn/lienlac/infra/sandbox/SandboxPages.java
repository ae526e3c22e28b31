package vn.lienlac.infra.sandbox;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person or a test reads from the sandbox: {@code GET /sandbox} (the messages per phone, for
 * reading an OTP during the demo), {@code GET /sandbox/outbox?to=} (the same as JSON, newest first),
 * and {@code POST /sandbox/control} (how each provider behaves).
 */
final class SandboxPages {

  static final int PAGE_MESSAGES = 200;
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

  private final Outbox outbox;
  private final Map<String, ProviderBehaviour> providers;
  private final Clock clock;

  SandboxPages(Outbox outbox, Map<String, ProviderBehaviour> providers, Clock clock) {
    this.outbox = outbox;
    this.providers = providers;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/sandbox").handler(this::page);
    router.get("/sandbox/outbox").handler(this::outboxJson);
    router.get("/sandbox/control").handler(ctx -> json(ctx, 200, state()));
    router.post("/sandbox/control").handler(this::control);
  }

  private void outboxJson(RoutingContext ctx) {
    String to = ctx.queryParams().get("to");
    // A '+' typed unencoded in a query string arrives as a space.
    List<Received> messages = to == null || to.isBlank() ? outbox.latest(PAGE_MESSAGES)
        : outbox.to(to.startsWith(" ") ? "+" + to.substring(1) : to);
    JsonArray out = new JsonArray();
    messages.forEach(m -> out.add(m.toJson()));
    ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
  }

  private void control(RoutingContext ctx) {
    JsonObject control;
    try {
      control = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      control = null;
    }
    if (control == null) {
      json(ctx, 400, new JsonObject().put("error", "body must be a JSON object"));
      return;
    }
    try {
      if (control.getBoolean("clearOutbox", false)) {
        outbox.clear();
      }
      control.remove("clearOutbox");
      String provider = control.getString("provider");
      if (provider != null) {
        ProviderBehaviour behaviour = providers.get(provider);
        if (behaviour == null) {
          throw new IllegalArgumentException("unknown provider '" + provider + "'; known: " + providers.keySet());
        }
        behaviour.apply(control, clock.instant());
      } else if (control.size() > 0) {
        throw new IllegalArgumentException("say which provider to control: " + providers.keySet());
      }
    } catch (IllegalArgumentException | ClassCastException e) {
      json(ctx, 400, new JsonObject().put("error", e.getMessage()));
      return;
    }
    json(ctx, 200, state());
  }

  private JsonObject state() {
    JsonObject state = new JsonObject().put("received", outbox.total());
    providers.forEach((name, behaviour) -> state.put(name, behaviour.toJson(clock.instant())));
    return state;
  }

  private void page(RoutingContext ctx) {
    Map<String, StringBuilder> rows = new LinkedHashMap<>();
    for (Received m : outbox.latest(PAGE_MESSAGES)) {
      rows.computeIfAbsent(m.to(), k -> new StringBuilder()).append("<tr><td>")
          .append(SHOWN.format(m.time().atZone(VIETNAM))).append("</td><td>").append(html(m.provider()))
          .append(" · ").append(html(m.channel())).append("</td><td>").append(html(m.from())).append("</td><td>")
          .append(html(m.text())).append("</td></tr>\n");
    }
    StringBuilder body = new StringBuilder("""
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
        <title>Hộp thư sandbox · Liên Lạc</title>
        <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}
        table{border-collapse:collapse;width:100%;margin-bottom:2em}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}
        th{background:#f4f4f4}.en{color:#777;font-weight:normal}</style></head><body>
        <h1>Hộp thư sandbox <span class="en">/ sandbox outbox</span></h1>
        <p>Tin nhắn mà các nhà cung cấp giả lập (eSMS, Twilio) đã nhận, mới nhất trước; trang tự làm mới.
        <span class="en">Messages the sandbox providers accepted, newest first; the page refreshes itself.</span></p>
        """);
    if (rows.isEmpty()) {
      body.append("<p>Chưa có tin nhắn nào. <span class=\"en\">No messages yet.</span></p>\n");
    }
    rows.forEach((phone, table) -> body.append("<h2>").append(html(phone)).append("</h2>\n<table><tr>")
        .append("<th>Thời gian <span class=\"en\">/ time</span></th><th>Nhà cung cấp <span class=\"en\">/ provider</span></th>")
        .append("<th>Người gửi <span class=\"en\">/ sender</span></th><th>Nội dung <span class=\"en\">/ text</span></th></tr>\n")
        .append(table).append("</table>\n"));
    body.append("</body></html>\n");
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(body.toString());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  static String html(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
