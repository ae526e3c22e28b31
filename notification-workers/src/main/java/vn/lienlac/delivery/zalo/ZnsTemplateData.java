package vn.lienlac.delivery.zalo;

import io.vertx.core.json.JsonObject;

/**
 * A ZNS template's {@code template_data} from our parameters: the mapping names, for each ZNS
 * parameter, our parameter ({@code "otp": "code"}) or a constant ({@code "school": "=THCS Lê Lợi"}).
 * An empty mapping passes our parameters through under their own names.
 */
final class ZnsTemplateData {

  private ZnsTemplateData() {}

  static JsonObject of(JsonObject mapping, JsonObject params) {
    JsonObject ours = params == null ? new JsonObject() : params;
    if (mapping == null || mapping.isEmpty()) {
      JsonObject copy = new JsonObject();
      ours.forEach(e -> copy.put(e.getKey(), String.valueOf(e.getValue())));
      return copy;
    }
    JsonObject data = new JsonObject();
    mapping.forEach(e -> {
      String source = String.valueOf(e.getValue());
      if (source.startsWith("=")) {
        data.put(e.getKey(), source.substring(1));
      } else if (ours.containsKey(source)) {
        data.put(e.getKey(), String.valueOf(ours.getValue(source)));
      } else {
        throw new IllegalArgumentException("ZNS parameter '" + e.getKey() + "' maps to '" + source
            + "', which the notice does not have");
      }
    });
    return data;
  }
}
