package vn.lienlac.messaging.directory.impl;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Cleaning of free text as district systems store it. */
final class Text {

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Text() {}

  /**
   * NFC (some systems store Vietnamese decomposed, so "Nguyễn" would not equal "Nguyễn"), trimmed,
   * inner runs of spaces collapsed; blank becomes null.
   */
  static String clean(String s) {
    if (s == null) {
      return null;
    }
    String normalised = Normalizer.normalize(s, Normalizer.Form.NFC).strip();
    if (normalised.isEmpty()) {
      return null;
    }
    return SPACES.matcher(normalised).replaceAll(" ");
  }

  /** Lower-case ASCII folding for code values typed by hand ("Đang học", "dang_hoc", "DANG HOC"). */
  static String code(String s) {
    String cleaned = clean(s);
    if (cleaned == null) {
      return null;
    }
    String folded = Normalizer.normalize(cleaned.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "");
    return folded.toLowerCase().replace(' ', '_').replace('-', '_');
  }
}
