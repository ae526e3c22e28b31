package vn.lienlac.messaging.template;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A template's texts in Vietnamese and English and how they are rendered for one guardian: English when
 * the guardian's language is {@code en} and the template has an English body, Vietnamese otherwise.
 * Values given by the sender are formatted in the language rendered: {@code amount} (whole đồng) as
 * {@code 1.500.000 đ} or {@code 1,500,000 VND}, {@code date} (yyyy-MM-dd) as {@code 01/12/2026} or
 * {@code 1 Dec 2026}. Pure: no I/O.
 *
 * @param titleVi optional
 * @param bodyVi required
 * @param titleEn optional
 * @param bodyEn optional; without it everyone reads Vietnamese
 */
public record TemplateTexts(String titleVi, String bodyVi, String titleEn, String bodyEn) {

  public static final String VIETNAMESE = "vi";
  public static final String ENGLISH = "en";
  private static final int MAX_VALUE_LENGTH = 500;
  private static final DateTimeFormatter VI_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  /** One rendering: the language actually used, and the texts. */
  public record Rendered(String language, String title, String body) {}

  /** Every variable the texts use; refuses unknown variables and unclosed placeholders. */
  public Set<String> variables() throws TemplateProblem {
    Set<String> all = new LinkedHashSet<>();
    for (String text : new String[] {titleVi, bodyVi, titleEn, bodyEn}) {
      if (text != null) {
        all.addAll(TemplateText.variables(text));
      }
    }
    return all;
  }

  /** The language a guardian reads this in. */
  public String languageFor(String guardianLanguage) {
    return ENGLISH.equals(guardianLanguage) && bodyEn != null && !bodyEn.isBlank() ? ENGLISH : VIETNAMESE;
  }

  /**
   * Renders for one guardian.
   *
   * @param senderValues what the sender gave for {@link TemplateVariables#FROM_SENDER} (checked with {@link #checkSenderValues})
   */
  public Rendered render(String guardianLanguage, RecipientContext recipient, Map<String, ?> senderValues)
      throws TemplateProblem {
    String language = languageFor(guardianLanguage);
    Map<String, String> values = values(language, recipient, senderValues);
    boolean english = language.equals(ENGLISH);
    String title = english ? titleEn : titleVi;
    return new Rendered(language, title == null || title.isBlank() ? null : TemplateText.render(title, values),
        TemplateText.render(english ? bodyEn : bodyVi, values));
  }

  /** Refuses values for variables a sender cannot give, and values that do not fit their variable. */
  public static void checkSenderValues(Map<String, ?> senderValues) throws TemplateProblem {
    for (Map.Entry<String, ?> e : senderValues.entrySet()) {
      if (!TemplateVariables.FROM_SENDER.contains(e.getKey())) {
        throw new TemplateProblem(TemplateProblem.Kind.UNKNOWN_VARIABLE, e.getKey());
      }
      format(e.getKey(), e.getValue(), VIETNAMESE);
    }
  }

  private static Map<String, String> values(String language, RecipientContext recipient, Map<String, ?> senderValues)
      throws TemplateProblem {
    Map<String, String> values = new HashMap<>();
    if (senderValues != null) {
      for (Map.Entry<String, ?> e : senderValues.entrySet()) {
        if (TemplateVariables.FROM_SENDER.contains(e.getKey()) && e.getValue() != null) {
          values.put(e.getKey(), format(e.getKey(), e.getValue(), language));
        }
      }
    }
    if (recipient != null) {
      if (!recipient.studentNames().isEmpty()) {
        values.put(TemplateVariables.STUDENT_NAME, String.join(", ", recipient.studentNames()));
      }
      if (!recipient.classNames().isEmpty()) {
        values.put(TemplateVariables.CLASS_NAME, String.join(", ", recipient.classNames()));
      }
      if (recipient.schoolName() != null) {
        values.put(TemplateVariables.SCHOOL_NAME, recipient.schoolName());
      }
      if (recipient.guardianName() != null) {
        values.put(TemplateVariables.GUARDIAN_NAME, recipient.guardianName());
      }
    }
    return values;
  }

  private static String format(String name, Object value, String language) throws TemplateProblem {
    switch (name) {
      case TemplateVariables.AMOUNT -> {
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
          throw new TemplateProblem(TemplateProblem.Kind.INVALID_VALUE, name);
        }
        long dong = ((Number) value).longValue();
        return language.equals(ENGLISH) ? NumberFormat.getIntegerInstance(Locale.US).format(dong) + " VND"
            : NumberFormat.getIntegerInstance(Locale.GERMANY).format(dong) + " đ";
      }
      case TemplateVariables.DATE -> {
        try {
          LocalDate d = LocalDate.parse(String.valueOf(value));
          return (language.equals(ENGLISH) ? EN_DATE : VI_DATE).format(d);
        } catch (DateTimeParseException e) {
          throw new TemplateProblem(TemplateProblem.Kind.INVALID_VALUE, name);
        }
      }
      default -> {
        if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_VALUE_LENGTH) {
          throw new TemplateProblem(TemplateProblem.Kind.INVALID_VALUE, name);
        }
        return s;
      }
    }
  }
}
