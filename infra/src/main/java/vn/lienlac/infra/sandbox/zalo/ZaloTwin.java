package vn.lienlac.infra.sandbox.zalo;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import vn.lienlac.infra.sandbox.Outbox;
import vn.lienlac.infra.sandbox.ProviderBehaviour;

/**
 * The Zalo sandbox: OAuth, ZNS and OA APIs, and the webhooks Zalo sends back. Besides the per-API
 * behaviours of {@code /sandbox/control} ({@code zalo_oauth}, {@code zalo_zns}, {@code zalo_oa}), it has
 * {@code POST /sandbox/zalo/control} ({@code webhookUrl}, {@code webhookDelayMs}, {@code nightTime}
 * clock|night|day, {@code tokenLifetimeSeconds}, {@code revokeAccessTokens}, {@code follower}) and
 * {@code POST /sandbox/zalo/event} to act as a guardian: {@code {"event":"follow","userId":…,"phone":"84…"}}
 * follows the OA and shares the phone; {@code {"event":"text","userId":…,"text":…}} writes to the OA.
 */
public final class ZaloTwin {

  private final ZaloSandboxAccount account;
  private final ZaloOAuthTwin oauth;
  private final ZaloMessagesTwin messages;
  private final ZaloWebhookSender webhooks;

  public ZaloTwin(Vertx vertx, ZaloSandboxAccount account, Outbox outbox, Clock clock) {
    this.account = account;
    this.oauth = new ZaloOAuthTwin(vertx, account, clock);
    this.webhooks = new ZaloWebhookSender(vertx, account);
    this.messages = new ZaloMessagesTwin(vertx, account, oauth, webhooks, outbox, clock);
  }

  public void mount(Router router) {
    oauth.mount(router);
    messages.mount(router);
    router.post("/sandbox/zalo/control").handler(this::control);
    router.get("/sandbox/zalo/control").handler(ctx -> json(ctx, 200, state()));
    router.post("/sandbox/zalo/event").handler(this::event);
  }

  /** The behaviours to list under {@code /sandbox/control}. */
  public Map<String, ProviderBehaviour> behaviours() {
    return Map.of("zalo_oauth", oauth.behaviour, "zalo_zns", messages.zns, "zalo_oa", messages.oa);
  }

  public ZaloSandboxAccount account() {
    return account;
  }

  /** Where the webhooks go (our {@code /webhooks/zalo}); null sends none. */
  public void webhookUrl(String url) {
    webhooks.target(url);
  }

  public void webhookDelay(long ms) {
    webhooks.delayMs(ms);
  }

  public long refreshes() {
    return oauth.refreshes();
  }

  /** Refreshes refused because their refresh token had been used before. */
  public long reusedRefreshTokens() {
    return oauth.reusedRefused();
  }

  public String authorise() {
    return oauth.authorise();
  }

  public JsonObject lastZnsRequest() {
    return messages.lastZnsRequest;
  }

  public JsonObject lastOaRequest() {
    return messages.lastOaRequest;
  }

  public String lastAppSecretProof() {
    return messages.lastAppSecretProof;
  }

  public JsonObject state() {
    return new JsonObject().put("webhookUrl", webhooks.target()).put("webhookDelayMs", webhooks.delayMs())
        .put("webhooksSent", webhooks.sent.get()).put("webhooksRefused", webhooks.failed.get())
        .put("nightTime", messages.nightTime).put("refreshes", oauth.refreshes())
        .put("reusedRefreshTokensRefused", oauth.reusedRefused()).put("followers", messages.followers.size());
  }

  private void control(RoutingContext ctx) {
    JsonObject control = body(ctx);
    if (control == null) {
      json(ctx, 400, new JsonObject().put("error", "body must be a JSON object"));
      return;
    }
    for (String field : control.fieldNames()) {
      switch (field) {
        case "webhookUrl" -> webhooks.target(control.getString(field));
        case "webhookDelayMs" -> webhooks.delayMs(Math.max(0, control.getLong(field)));
        case "nightTime" -> {
          String mode = control.getString(field);
          if (!"clock".equals(mode) && !"night".equals(mode) && !"day".equals(mode)) {
            json(ctx, 400, new JsonObject().put("error", "nightTime must be clock, night or day"));
            return;
          }
          messages.nightTime = mode;
        }
        case "tokenLifetimeSeconds" -> oauth.lifetimeSeconds(control.getLong(field));
        case "revokeAccessTokens" -> {
          if (control.getBoolean(field)) {
            oauth.revokeAccessTokens();
          }
        }
        case "follower" -> messages.followers.add(control.getString(field));
        default -> {
          json(ctx, 400, new JsonObject().put("error", "unknown control field '" + field + "'"));
          return;
        }
      }
    }
    json(ctx, 200, state());
  }

  private void event(RoutingContext ctx) {
    JsonObject request = body(ctx);
    String userId = request == null ? null : request.getString("userId");
    if (userId == null || webhooks.target() == null) {
      json(ctx, 400, new JsonObject().put("error", "give userId, and set webhookUrl first"));
      return;
    }
    JsonObject base = new JsonObject().put("app_id", account.appId()).put("oa_id", account.oaId());
    switch (request.getString("event", "")) {
      case "follow" -> {
        messages.followers.add(userId);
        webhooks.later(1, base.copy().put("event_name", "follow").put("follower", new JsonObject().put("id", userId)), false);
        if (request.getString("phone") != null) {
          webhooks.later(50, base.copy().put("event_name", "user_submit_info")
              .put("sender", new JsonObject().put("id", userId)).put("recipient", new JsonObject().put("id", account.oaId()))
              .put("info", new JsonObject().put("phone", request.getString("phone"))), false);
        }
      }
      case "unfollow" -> {
        messages.followers.remove(userId);
        webhooks.later(1, base.copy().put("event_name", "unfollow").put("follower", new JsonObject().put("id", userId)), false);
      }
      case "text" -> webhooks.later(1, base.copy().put("event_name", "user_send_text")
          .put("sender", new JsonObject().put("id", userId)).put("recipient", new JsonObject().put("id", account.oaId()))
          .put("message", new JsonObject().put("text", request.getString("text", ""))
              .put("msg_id", "in" + Long.toHexString(ThreadLocalRandom.current().nextLong()))), false);
      default -> {
        json(ctx, 400, new JsonObject().put("error", "event must be follow, unfollow or text"));
        return;
      }
    }
    json(ctx, 202, new JsonObject().put("queued", true));
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
