package vn.lienlac.infra.sandbox.fcm;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * What FCM HTTP v1 refuses with 400 INVALID_ARGUMENT (PROVIDERS.md): no message, not exactly one
 * target, non-string data values, an unknown Android priority, non-string APNs headers.
 * Answers the offending field, or null when the request is well formed.
 */
final class FcmRequestCheck {

  private static final Set<String> MESSAGE_FIELDS = Set.of("name", "token", "topic", "condition", "notification", "data",
      "android", "apns", "webpush", "fcm_options");

  private FcmRequestCheck() {}

  static Map.Entry<String, String> violation(JsonObject body) {
    if (body == null || !(body.getValue("message") instanceof JsonObject message)) {
      return Map.entry("message", "message is required");
    }
    for (String field : message.fieldNames()) {
      if (!MESSAGE_FIELDS.contains(field)) {
        return Map.entry("message." + field, "Invalid JSON payload received. Unknown name \"" + field + "\"");
      }
    }
    int targets = (message.containsKey("token") ? 1 : 0) + (message.containsKey("topic") ? 1 : 0)
        + (message.containsKey("condition") ? 1 : 0);
    if (targets != 1) {
      return Map.entry("message", "exactly one of token, topic or condition is required");
    }
    if (message.containsKey("token") && !(message.getValue("token") instanceof String t && !t.isBlank())) {
      return Map.entry("message.token", "The registration token is not a valid FCM registration token");
    }
    if (message.getValue("notification") instanceof JsonObject n) {
      for (String f : n.fieldNames()) {
        if (!Set.of("title", "body", "image").contains(f) || !(n.getValue(f) instanceof String)) {
          return Map.entry("message.notification." + f, "notification fields are title, body and image, as strings");
        }
      }
    }
    if (message.getValue("data") instanceof JsonObject data) {
      for (String f : data.fieldNames()) {
        if (!(data.getValue(f) instanceof String)) {
          return Map.entry("message.data." + f, "data values must be strings");
        }
      }
    }
    if (message.getValue("android") instanceof JsonObject android && android.containsKey("priority")
        && !Set.of("high", "normal", "HIGH", "NORMAL").contains(String.valueOf(android.getValue("priority")))) {
      return Map.entry("message.android.priority", "android.priority must be high or normal");
    }
    if (message.getValue("apns") instanceof JsonObject apns && apns.getValue("headers") instanceof JsonObject headers) {
      for (String h : headers.fieldNames()) {
        if (!(headers.getValue(h) instanceof String)) {
          return Map.entry("message.apns.headers." + h, "APNs header values must be strings");
        }
      }
    }
    return null;
  }
}
