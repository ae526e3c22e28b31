package vn.lienlac.api.v1;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The contract as the Vert.x validator sees it. Clients get the YAML as written; the validator
 * refuses to load response media types it cannot check (e.g. {@code application/problem+json},
 * {@code image/png}), and we validate requests only, so response content is dropped from its copy.
 */
final class ContractDocument {

  private ContractDocument() {}

  static JsonObject forValidator(Buffer yamlText) {
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText.toString());
    JsonObject contract = new JsonObject(toJson(parsed).toString());
    dropResponseContent(contract);
    return contract;
  }

  private static void dropResponseContent(JsonObject contract) {
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && operation.getValue("responses") instanceof JsonObject responses) {
          for (String status : responses.fieldNames()) {
            JsonObject response = responses.getJsonObject(status);
            response.remove("content");
            response.remove("$ref");
            response.put("description", response.getString("description", status));
          }
        }
      }
    }
    JsonObject components = contract.getJsonObject("components");
    if (components != null) {
      components.remove("responses");
    }
  }

  @SuppressWarnings("unchecked")
  private static Object toJson(Object yaml) {
    if (yaml instanceof Map<?, ?> map) {
      JsonObject o = new JsonObject();
      map.forEach((k, v) -> o.put(String.valueOf(k), toJson(v)));
      return o;
    }
    if (yaml instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(v -> a.add(toJson(v)));
      return a;
    }
    if (yaml instanceof java.util.Date date) {
      return date.toInstant().toString();
    }
    return yaml;
  }
}
