package vn.lienlac.messaging.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data before it reaches a log (Decree 13/2023 and the 2026 Personal Data Protection
 * Law): phone numbers keep their first two and last two digits ({@code 09******12}), names keep the
 * initial of each word ({@code N***** V** A*}). Log lines pass through {@link #maskPhonesIn}; names
 * cannot be recognised in free text, so code masks them with {@link #name} before logging.
 */
public final class PersonalData {

  /** Phone-like runs: optional +, then 9–13 digits possibly split by spaces, dots or dashes. */
  private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\d(?:[ .\\-]?\\d){8,12}(?!\\w)");

  private PersonalData() {}

  public static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.length() < 5) {
      return "*".repeat(digits.length());
    }
    return digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
  }

  public static String name(String fullName) {
    if (fullName == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String word : fullName.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append(' ');
      }
      int first = word.offsetByCodePoints(0, 1);
      out.append(word, 0, first).append("*".repeat(word.codePointCount(first, word.length())));
    }
    return out.toString();
  }

  public static String maskPhonesIn(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = PHONE.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(phone(m.group())));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }
}
