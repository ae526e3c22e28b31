package vn.lienlac.infra.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Configuration from, in order of precedence: environment variables, an optional {@code lienlac.yaml}
 * (path in {@code LIENLAC_CONFIG}, else {@code ./lienlac.yaml}), then defaults. Unknown YAML keys are
 * refused so that a typo does not silently fall back to a default.
 */
public final class LienlacConfig {

  private final Map<Setting, String> values;
  private final Map<Setting, String> sources;

  private LienlacConfig(Map<Setting, String> values, Map<Setting, String> sources) {
    this.values = values;
    this.sources = sources;
  }

  public static LienlacConfig load() {
    String explicit = System.getenv("LIENLAC_CONFIG");
    Path file = explicit != null && !explicit.isBlank() ? Path.of(explicit) : Path.of("lienlac.yaml");
    if (explicit != null && !explicit.isBlank() && !Files.exists(file)) {
      throw new ConfigException("LIENLAC_CONFIG names " + file + ", which does not exist");
    }
    return from(System.getenv(), Files.exists(file) ? readYaml(file) : Map.of(), file.toString());
  }

  public static LienlacConfig from(Map<String, String> env, Map<String, Object> yaml, String yamlName) {
    List<String> known = java.util.Arrays.stream(Setting.values()).map(Setting::yamlKey).toList();
    for (String key : yaml.keySet()) {
      if (!known.contains(key)) {
        throw new ConfigException(yamlName + ": unknown key '" + key + "'; known keys: " + String.join(", ", known));
      }
    }
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    Map<Setting, String> sources = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String fromEnv = env.get(s.env());
      Object fromYaml = yaml.get(s.yamlKey());
      if (fromEnv != null && !fromEnv.isBlank()) {
        values.put(s, fromEnv.trim());
        sources.put(s, "env " + s.env());
      } else if (fromYaml != null) {
        values.put(s, String.valueOf(fromYaml).trim());
        sources.put(s, yamlName);
      } else if (s.defaultValue() != null) {
        values.put(s, s.defaultValue());
        sources.put(s, "default");
      }
    }
    return new LienlacConfig(values, sources);
  }

  /** Returns a copy where the given settings are replaced (command-line options, demo services). */
  public LienlacConfig with(Setting setting, String value, String source) {
    Map<Setting, String> v = new EnumMap<>(values);
    Map<Setting, String> s = new EnumMap<>(sources);
    v.put(setting, value);
    s.put(setting, source);
    return new LienlacConfig(v, s);
  }

  public boolean has(Setting setting) {
    return values.containsKey(setting);
  }

  public String source(Setting setting) {
    return sources.getOrDefault(setting, "not set");
  }

  public String string(Setting setting) {
    String value = values.get(setting);
    if (value == null) {
      throw new ConfigException("missing setting " + setting.env() + " (" + setting.yamlKey() + " in lienlac.yaml): "
          + setting.meaning());
    }
    return value;
  }

  public int integer(Setting setting) {
    return parse(setting, Integer::parseInt, "a whole number");
  }

  public long longValue(Setting setting) {
    return parse(setting, Long::parseLong, "a whole number");
  }

  public double decimal(Setting setting) {
    return parse(setting, Double::parseDouble, "a number such as 20 or 0.5");
  }

  public boolean flag(Setting setting) {
    String raw = string(setting).trim().toLowerCase(java.util.Locale.ROOT);
    return switch (raw) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(setting.env() + " must be true or false, got '" + raw + "' (from "
          + source(setting) + ")");
    };
  }

  public Duration duration(Setting setting) {
    return parse(setting, Duration::parse, "an ISO-8601 duration such as PT5M or PT24H");
  }

  private <T> T parse(Setting setting, Function<String, T> parser, String expected) {
    String raw = string(setting);
    try {
      return parser.apply(raw);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new ConfigException(setting.env() + " must be " + expected + ", got '" + raw + "' (from " + source(setting) + ")");
    }
  }

  /** Fails naming every missing setting at once, so an operator fixes them in one go. */
  public void require(List<Setting> settings) {
    List<String> missing = settings.stream().filter(s -> !has(s))
        .map(s -> s.env() + " (" + s.yamlKey() + "): " + s.meaning()).toList();
    if (!missing.isEmpty()) {
      throw new ConfigException("missing required settings:\n  " + String.join("\n  ", missing));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readYaml(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      if (loaded == null) {
        return Map.of();
      }
      if (!(loaded instanceof Map<?, ?> map)) {
        throw new ConfigException(file + ": expected a mapping of keys to values");
      }
      Map<String, Object> flat = new java.util.TreeMap<>();
      flatten("", (Map<String, Object>) map, flat);
      return flat;
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new ConfigException(file + " is not valid YAML: " + e.getMessage());
    }
  }

  /** Accepts both nested ({@code http: {port: 8080}}) and dotted ({@code http.port: 8080}) keys. */
  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> nested && !isKnownLeaf(key)) {
        flatten(key, (Map<String, Object>) nested, out);
      } else {
        out.put(key, e.getValue());
      }
    }
  }

  private static boolean isKnownLeaf(String key) {
    return java.util.Arrays.stream(Setting.values()).anyMatch(s -> s.yamlKey().equals(key));
  }
}
