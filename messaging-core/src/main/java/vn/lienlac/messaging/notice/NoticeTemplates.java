package vn.lienlac.messaging.notice;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of notices, per language, from the bundles {@code templates.properties} (Vietnamese, the
 * default) and {@code templates_en.properties}. A template names its variables as {@code {code}};
 * rendering is a pure function, and a missing variable is an error naming it, so that a notice that
 * cannot be rendered is refused when it is sent instead of failing later in a worker.
 */
public final class NoticeTemplates {

  /** The templates shipped in this jar. */
  public static final NoticeTemplates BUNDLED = new NoticeTemplates(Map.of(
      "vi", load("templates.properties"), "en", load("templates_en.properties")));

  /** Notices worth nothing after a few minutes go ahead of the rest. */
  private static final Set<String> URGENT = Set.of("otp");

  /** A variable: a lower-case start, then letters (camelCase, e.g. {@code payLink}), digits or underscores. */
  private static final Pattern VARIABLE = Pattern.compile("\\{([a-z][A-Za-z0-9_]*)}");

  private final Map<String, Map<String, String>> byLanguage;

  /** @param byLanguage language ({@code vi}, {@code en}) → template key → text */
  public NoticeTemplates(Map<String, Map<String, String>> byLanguage) {
    if (!byLanguage.containsKey("vi")) {
      throw new IllegalArgumentException("notice templates need Vietnamese texts (the default language)");
    }
    this.byLanguage = Map.copyOf(byLanguage);
  }

  public Set<String> keys() {
    return byLanguage.get("vi").keySet();
  }

  /** {@code urgent} for notices that expire within minutes (sign-in codes), otherwise {@code normal}. */
  public String priority(String template) {
    return URGENT.contains(template) ? "urgent" : "normal";
  }

  /** The variables a template needs, in the order its Vietnamese text uses them. */
  public Set<String> variables(String template) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(text(template, "vi"));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The text of {@code template} in {@code language} (Vietnamese when that language has no text for
   * it) with every variable replaced by its value. Values are inserted as they are, never expanded.
   *
   * @throws IllegalArgumentException naming the unknown template or every missing variable
   */
  public String render(String template, String language, Map<String, String> params) {
    String text = text(template, language);
    Matcher m = VARIABLE.matcher(text);
    List<String> missing = new ArrayList<>();
    StringBuilder out = new StringBuilder(text.length() + 32);
    while (m.find()) {
      String value = params.get(m.group(1));
      if (value == null || value.isBlank()) {
        if (!missing.contains(m.group(1))) {
          missing.add(m.group(1));
        }
        continue;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("notice template '" + template + "' needs "
          + (missing.size() == 1 ? "variable " : "variables ") + String.join(", ", missing));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String text(String template, String language) {
    Map<String, String> texts = byLanguage.getOrDefault(language, byLanguage.get("vi"));
    String text = texts.getOrDefault(template, byLanguage.get("vi").get(template));
    if (text == null) {
      throw new IllegalArgumentException("unknown notice template '" + template + "'; known: "
          + String.join(", ", new TreeMap<>(byLanguage.get("vi")).keySet()));
    }
    return text;
  }

  private static Map<String, String> load(String resource) {
    try (InputStream in = NoticeTemplates.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("notice templates " + resource + " are missing from the jar");
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> texts = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> texts.put(k, p.getProperty(k)));
      return Map.copyOf(texts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
