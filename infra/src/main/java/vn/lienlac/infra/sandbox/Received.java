package vn.lienlac.infra.sandbox;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One message a sandbox provider accepted, as the phone (or device) would show it. */
public record Received(String provider, String channel, String to, String from, String text, Instant time, String id) {

  public JsonObject toJson() {
    return new JsonObject().put("provider", provider).put("channel", channel).put("to", to).put("from", from)
        .put("text", text).put("time", time.toString()).put("id", id);
  }
}
