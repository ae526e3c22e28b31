package vn.lienlac.infra.sandbox.zalo;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import vn.lienlac.delivery.zalo.ZnsNightTime;
import vn.lienlac.infra.sandbox.Outbox;
import vn.lienlac.infra.sandbox.ProviderBehaviour;
import vn.lienlac.infra.sandbox.Received;
import vn.lienlac.infra.sandbox.Responses;

/**
 * ZNS ({@code POST /message/template}) and OA consultation messages ({@code POST /v3.0/oa/message/cs})
 * on loopback: header {@code access_token} checked against the OAuth twin, bodies validated as
 * PROVIDERS.md describes, errors as Zalo gives them (HTTP 200, non-zero {@code error}). What is
 * accepted goes to the outbox (ZNS by {@code +84…} phone, OA by {@code zalo:<user id>}), then the
 * receipts come back as webhooks after a delay.
 */
final class ZaloMessagesTwin {

  private static final Pattern ZNS_PHONE = Pattern.compile("84[1-9][0-9]{8,9}");
  private static final Pattern TRACKING_ID = Pattern.compile("[A-Za-z0-9_-]{1,48}");

  private final Vertx vertx;
  private final ZaloSandboxAccount account;
  private final ZaloOAuthTwin oauth;
  private final ZaloWebhookSender webhooks;
  private final Outbox outbox;
  private final Clock clock;
  final ProviderBehaviour zns = new ProviderBehaviour();
  final ProviderBehaviour oa = new ProviderBehaviour();
  /** Users that follow the OA (what the OA API accepts as recipients). */
  final Set<String> followers = ConcurrentHashMap.newKeySet();
  /** The last request body each API received, for request-shape tests. */
  volatile JsonObject lastZnsRequest;
  volatile JsonObject lastOaRequest;
  volatile String lastAppSecretProof;
  /** Night-time as ZNS enforces it: "clock" (Vietnam time), "night" or "day" (forced, for tests and demos). */
  volatile String nightTime = "clock";
  private final AtomicLong znsAccepted = new AtomicLong();

  ZaloMessagesTwin(Vertx vertx, ZaloSandboxAccount account, ZaloOAuthTwin oauth, ZaloWebhookSender webhooks,
                   Outbox outbox, Clock clock) {
    this.vertx = vertx;
    this.account = account;
    this.oauth = oauth;
    this.webhooks = webhooks;
    this.outbox = outbox;
    this.clock = clock;
  }

  void mount(Router router) {
    router.post("/message/template").handler(this::zns);
    router.post("/v3.0/oa/message/cs").handler(this::oa);
  }

  private void zns(RoutingContext ctx) {
    Instant now = clock.instant();
    JsonObject body = json(ctx);
    lastZnsRequest = body;
    lastAppSecretProof = ctx.request().getHeader("appsecret_proof");
    if (!oauth.validAccessToken(ctx.request().getHeader("access_token"))) {
      respond(ctx, zns, 200, error(-124, "Access token is invalid"));
      return;
    }
    String fault = zns.nextFault(now);
    if (fault != null) {
      respond(ctx, zns, ProviderBehaviour.isHttpStatus(fault) ? Integer.parseInt(fault) : 200,
          error(ProviderBehaviour.isHttpStatus(fault) ? -Integer.parseInt(fault) : Integer.parseInt(fault), "Sandbox fault"));
      return;
    }
    if (body == null) {
      respond(ctx, zns, 200, error(-100, "Body must be JSON"));
    } else if (!(body.getValue("phone") instanceof String phone) || !ZNS_PHONE.matcher(phone).matches()) {
      respond(ctx, zns, 200, error(-108, "Phone number is invalid"));
    } else if (!(body.getValue("template_id") instanceof String template) || template.isBlank()) {
      respond(ctx, zns, 200, error(-109, "Template id is invalid"));
    } else if (!(body.getValue("template_data") instanceof JsonObject data)) {
      respond(ctx, zns, 200, error(-112, "Template data is invalid"));
    } else if (body.getValue("tracking_id") != null
        && !(body.getValue("tracking_id") instanceof String t && TRACKING_ID.matcher(t).matches())) {
      respond(ctx, zns, 200, error(-100, "tracking_id must be at most 48 letters, digits, _ or -"));
    } else if (night(now)) {
      respond(ctx, zns, 200, error(-133, "Sending ZNS at night time (22:00 - 06:00) is not allowed"));
    } else {
      String msgId = "zns" + Long.toHexString(ThreadLocalRandom.current().nextLong());
      outbox.add(new Received("zalo", "zns", "+" + phone, "OA " + account.oaId(), template + " " + data.encode(), now, msgId));
      long used = znsAccepted.incrementAndGet();
      respond(ctx, zns, 200, new JsonObject().put("error", 0).put("message", "Success").put("data", new JsonObject()
          .put("msg_id", msgId).put("sent_time", Long.toString(now.toEpochMilli()))
          .put("quota", new JsonObject().put("dailyQuota", "500").put("remainingQuota", Long.toString(Math.max(0, 500 - used))))));
      webhooks.later(webhooks.delayMs(), new JsonObject().put("event_name", "user_received_message")
          .put("app_id", account.appId()).put("oa_id", account.oaId())
          .put("sender", new JsonObject().put("id", account.oaId())).put("recipient", new JsonObject().put("id", phone))
          .put("message", new JsonObject().put("msg_id", msgId).put("tracking_id", body.getString("tracking_id"))
              .put("delivery_time", Long.toString(now.toEpochMilli() + webhooks.delayMs()))), true);
    }
  }

  private void oa(RoutingContext ctx) {
    Instant now = clock.instant();
    JsonObject body = json(ctx);
    lastOaRequest = body;
    if (!oauth.validAccessToken(ctx.request().getHeader("access_token"))) {
      respond(ctx, oa, 200, error(-216, "Access token is invalid"));
      return;
    }
    String fault = oa.nextFault(now);
    if (fault != null) {
      respond(ctx, oa, ProviderBehaviour.isHttpStatus(fault) ? Integer.parseInt(fault) : 200,
          error(ProviderBehaviour.isHttpStatus(fault) ? -Integer.parseInt(fault) : Integer.parseInt(fault), "Sandbox fault"));
      return;
    }
    JsonObject recipient = body == null ? null : body.getJsonObject("recipient");
    JsonObject message = body == null ? null : body.getJsonObject("message");
    String userId = recipient == null ? null : recipient.getString("user_id");
    String text = message == null ? null : message.getString("text");
    if (userId == null || userId.isBlank()) {
      respond(ctx, oa, 200, error(-201, "recipient.user_id is required"));
    } else if (text == null || text.isEmpty() || text.length() > 2000) {
      respond(ctx, oa, 200, error(-201, "message.text must have 1 to 2000 characters"));
    } else if (!followers.contains(userId)) {
      respond(ctx, oa, 200, error(-213, "User has not followed the OA"));
    } else {
      String msgId = "oa" + Long.toHexString(ThreadLocalRandom.current().nextLong());
      outbox.add(new Received("zalo", "zalo_oa", "zalo:" + userId, "OA " + account.oaId(), text, now, msgId));
      respond(ctx, oa, 200, new JsonObject().put("error", 0).put("message", "Success")
          .put("data", new JsonObject().put("message_id", msgId).put("user_id", userId)));
      JsonObject base = new JsonObject().put("app_id", account.appId()).put("oa_id", account.oaId())
          .put("sender", new JsonObject().put("id", account.oaId())).put("recipient", new JsonObject().put("id", userId));
      webhooks.later(webhooks.delayMs(), base.copy().put("event_name", "user_received_message")
          .put("message", new JsonObject().put("msg_id", msgId)), false);
      webhooks.later(webhooks.delayMs() * 2, base.copy().put("event_name", "user_seen_message")
          .put("message", new JsonObject().put("msg_ids", new JsonArray().add(msgId))), false);
    }
  }

  private boolean night(Instant now) {
    return switch (nightTime) {
      case "night" -> true;
      case "day" -> false;
      default -> ZnsNightTime.isNight(now);
    };
  }

  private static JsonObject json(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static JsonObject error(int code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  private void respond(RoutingContext ctx, ProviderBehaviour behaviour, int status, JsonObject body) {
    Responses.json(vertx, ctx, behaviour.latencyMs(), status, body);
  }
}
