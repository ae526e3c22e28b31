package vn.lienlac.messaging.template;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Placeholders in a template text: {@code {{student.name}}} (spaces inside the braces allowed). A
 * backslash right before {@code {{} keeps the braces as written ({@code \{{} gives {@code {{}). Values
 * are inserted as they are and never scanned again, so a name that happens to contain braces cannot
 * pull in another variable. Pure: no I/O.
 */
public final class TemplateText {

  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

  private TemplateText() {}

  /** The variables the text uses, in order of first use; refuses unknown ones and unclosed placeholders. */
  public static Set<String> variables(String text) throws TemplateProblem {
    Set<String> used = new LinkedHashSet<>();
    walk(text, null, used);
    return used;
  }

  /**
   * The text with every placeholder replaced by its value.
   *
   * @throws TemplateProblem naming the first unknown variable, or the first one without a value
   */
  public static String render(String text, Map<String, String> values) throws TemplateProblem {
    StringBuilder out = new StringBuilder(text.length() + 64);
    walk(text, values, null);
    walkInto(text, values, out);
    return out.toString();
  }

  /** Checks the whole text first (every problem before any output), collecting names when asked. */
  private static void walk(String text, Map<String, String> values, Set<String> used) throws TemplateProblem {
    int i = 0;
    while (true) {
      int open = text.indexOf(OPEN, i);
      if (open < 0) {
        return;
      }
      if (open > 0 && text.charAt(open - 1) == '\\') {
        i = open + OPEN.length();
        continue;
      }
      int close = text.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        throw new TemplateProblem(TemplateProblem.Kind.UNCLOSED_PLACEHOLDER,
            text.substring(open, Math.min(text.length(), open + 24)));
      }
      String name = text.substring(open + OPEN.length(), close).strip();
      if (!TemplateVariables.known(name)) {
        throw new TemplateProblem(TemplateProblem.Kind.UNKNOWN_VARIABLE, name);
      }
      if (values != null && values.get(name) == null) {
        throw new TemplateProblem(TemplateProblem.Kind.MISSING_VARIABLE, name);
      }
      if (used != null) {
        used.add(name);
      }
      i = close + CLOSE.length();
    }
  }

  private static void walkInto(String text, Map<String, String> values, StringBuilder out) {
    int i = 0;
    while (true) {
      int open = text.indexOf(OPEN, i);
      if (open < 0) {
        out.append(text, i, text.length());
        return;
      }
      if (open > 0 && text.charAt(open - 1) == '\\') {
        out.append(text, i, open - 1).append(OPEN);
        i = open + OPEN.length();
        continue;
      }
      int close = text.indexOf(CLOSE, open + OPEN.length());
      out.append(text, i, open).append(values.get(text.substring(open + OPEN.length(), close).strip()));
      i = close + CLOSE.length();
    }
  }
}
