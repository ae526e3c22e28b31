package vn.lienlac.delivery.push;

import io.vertx.core.json.JsonObject;
import vn.lienlac.delivery.channel.MessageContent;

/**
 * The body of {@code POST /v1/projects/{projectId}/messages:send} (PROVIDERS.md, FCM HTTP v1): one
 * target token, the notification the phone shows, data for the app to open the message, Android
 * priority and APNs headers. The collapse key is the message, so a push repeated after a worker crash
 * replaces the first on the device instead of showing twice.
 */
public final class FcmRequest {

  static final String TTL = "86400s";

  private FcmRequest() {}

  public static JsonObject body(String pushToken, MessageContent m, String text, long attemptId) {
    String collapse = "m" + m.messageId();
    JsonObject data = new JsonObject().put("type", "message").put("messageId", Long.toString(m.messageId()))
        .put("priority", m.priority()).put("attemptId", Long.toString(attemptId));
    JsonObject notification = new JsonObject().put("title", m.title() == null ? "Liên Lạc" : m.title())
        .put("body", preview(text));
    JsonObject android = new JsonObject().put("priority", m.urgent() ? "high" : "normal").put("ttl", TTL)
        .put("collapse_key", collapse);
    JsonObject apns = new JsonObject()
        .put("headers", new JsonObject().put("apns-priority", m.urgent() ? "10" : "5")
            .put("apns-push-type", "alert").put("apns-collapse-id", collapse))
        .put("payload", new JsonObject().put("aps", new JsonObject().put("sound", "default")
            .put("interruption-level", "emergency".equals(m.priority()) ? "time-sensitive" : "active")));
    return new JsonObject().put("validate_only", false).put("message", new JsonObject()
        .put("token", pushToken).put("notification", notification).put("data", data)
        .put("android", android).put("apns", apns));
  }

  /** What the lock screen shows; the app fetches the whole message. */
  static String preview(String body) {
    return body.length() <= 240 ? body : body.substring(0, 239) + "…";
  }
}
