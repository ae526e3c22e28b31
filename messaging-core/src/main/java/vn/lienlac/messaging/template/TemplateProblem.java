package vn.lienlac.messaging.template;

/**
 * Why a template text cannot be saved or rendered, naming the variable (or position) at fault so the
 * person writing the template can fix it.
 *
 * @param kind what is wrong
 * @param detail the variable name, or the text near an unclosed placeholder
 */
public final class TemplateProblem extends Exception {

  public enum Kind {
    /** A placeholder names a variable we do not know. */
    UNKNOWN_VARIABLE,
    /** Rendering needs a value the caller did not give. */
    MISSING_VARIABLE,
    /** A value given does not fit its variable (e.g. an amount that is not a whole number of đồng). */
    INVALID_VALUE,
    /** {@code {{} without its closing {@code }}}. */
    UNCLOSED_PLACEHOLDER
  }

  private final Kind kind;
  private final String detail;

  public TemplateProblem(Kind kind, String detail) {
    super(message(kind, detail), null, false, false);
    this.kind = kind;
    this.detail = detail;
  }

  public Kind kind() {
    return kind;
  }

  public String detail() {
    return detail;
  }

  private static String message(Kind kind, String detail) {
    return switch (kind) {
      case UNKNOWN_VARIABLE -> "unknown variable {{" + detail + "}}; known: " + TemplateVariables.KNOWN;
      case MISSING_VARIABLE -> "no value for variable {{" + detail + "}}";
      case INVALID_VALUE -> "value of {{" + detail + "}} does not fit it";
      case UNCLOSED_PLACEHOLDER -> "placeholder not closed with }} near '" + detail + "'";
    };
  }
}
