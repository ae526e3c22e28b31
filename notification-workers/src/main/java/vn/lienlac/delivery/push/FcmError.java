package vn.lienlac.delivery.push;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An FCM error document {@code {"error": {"code", "message", "status", "details": [{"@type":
 * "…FcmError", "errorCode"}]}}} read into what delivery acts on.
 */
public record FcmError(int httpStatus, String errorCode, String message, boolean tokenField) {

  public enum Action { DROP_TOKEN, RETRY, REFRESH_AUTH, REFUSED }

  public static FcmError parse(int httpStatus, JsonObject body) {
    JsonObject error = body == null ? null : body.getJsonObject("error");
    if (error == null) {
      return new FcmError(httpStatus, null, "HTTP " + httpStatus, false);
    }
    String code = error.getString("status");
    boolean tokenField = false;
    JsonArray details = error.getJsonArray("details", new JsonArray());
    for (int i = 0; i < details.size(); i++) {
      JsonObject d = details.getJsonObject(i);
      String type = d.getString("@type", "");
      if (type.endsWith("FcmError") && d.getString("errorCode") != null) {
        code = d.getString("errorCode");
      }
      if (type.endsWith("BadRequest")) {
        for (Object v : d.getJsonArray("fieldViolations", new JsonArray())) {
          if (v instanceof JsonObject fv && fv.getString("field", "").endsWith("token")) {
            tokenField = true;
          }
        }
      }
    }
    String message = error.getString("message", "");
    if (!tokenField && message.toLowerCase().contains("registration token")) {
      tokenField = true;
    }
    return new FcmError(httpStatus, code, message, tokenField);
  }

  public Action action() {
    if ("UNREGISTERED".equals(errorCode) || ("INVALID_ARGUMENT".equals(errorCode) && tokenField)) {
      return Action.DROP_TOKEN;
    }
    if (httpStatus == 401 && !"THIRD_PARTY_AUTH_ERROR".equals(errorCode)) {
      return Action.REFRESH_AUTH;
    }
    if (httpStatus == 429 || httpStatus >= 500 || "QUOTA_EXCEEDED".equals(errorCode)
        || "UNAVAILABLE".equals(errorCode) || "INTERNAL".equals(errorCode)) {
      return Action.RETRY;
    }
    return Action.REFUSED;
  }

  public String describe() {
    return (errorCode == null ? "HTTP " + httpStatus : errorCode) + (message.isBlank() ? "" : ": " + message);
  }
}
