package vn.lienlac.api.realtime;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** The first text frame of an app that did not put its token in {@code Sec-WebSocket-Protocol}. */
record AuthFrame(String token, Long lastEventId) {

  /** @throws IllegalArgumentException saying what is wrong (sent as the close reason, so short) */
  static AuthFrame parse(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("the first frame must be a JSON auth object");
    }
    if (!"auth".equals(frame.getValue("type"))) {
      throw new IllegalArgumentException("the first frame must have type auth");
    }
    if (!(frame.getValue("token") instanceof String token) || token.isBlank()) {
      throw new IllegalArgumentException("the auth frame needs a token");
    }
    Object last = frame.getValue("lastEventId");
    if (last == null) {
      return new AuthFrame(token, null);
    }
    if (!(last instanceof Integer || last instanceof Long) || ((Number) last).longValue() < 0) {
      throw new IllegalArgumentException("lastEventId must be a whole number, not negative");
    }
    return new AuthFrame(token, ((Number) last).longValue());
  }
}
