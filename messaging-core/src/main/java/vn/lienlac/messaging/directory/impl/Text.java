package vn.lienlac.messaging.directory.impl;

import java.text.Normalizer;
import java.util.regex.Pattern;
import vn.lienlac.messaging.text.AsciiFolding;

/** Cleaning of free text as district systems store it. */
final class Text {

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final int CODE_CACHE_LIMIT = 10_000;
  private static final java.util.concurrent.ConcurrentHashMap<String, String> CODES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Text() {}

  /**
   * NFC (some systems store Vietnamese decomposed, so "Nguyễn" would not equal "Nguyễn"), trimmed,
   * inner runs of spaces collapsed; blank becomes null.
   */
  static String clean(String s) {
    if (s == null) {
      return null;
    }
    if (isTidy(s)) {
      return s; // the common case: millions of names per sync, already clean
    }
    String normalised = Normalizer.normalize(s, Normalizer.Form.NFC).strip();
    if (normalised.isEmpty()) {
      return null;
    }
    return SPACES.matcher(normalised).replaceAll(" ");
  }

  /**
   * Lower-case ASCII folding for code values typed by hand ("Đang học", "dang_hoc", "DANG HOC"). Code
   * columns hold a handful of distinct values, so results are cached.
   */
  static String code(String s) {
    if (s == null) {
      return null;
    }
    String cached = CODES.get(s);
    if (cached != null) {
      return cached;
    }
    String folded = fold(s);
    if (folded != null && CODES.size() < CODE_CACHE_LIMIT) {
      CODES.put(s, folded);
    }
    return folded;
  }

  private static String fold(String s) {
    String cleaned = clean(s);
    if (cleaned == null) {
      return null;
    }
    return AsciiFolding.fold(cleaned).toLowerCase().replace(' ', '_').replace('-', '_');
  }

  /** No leading/trailing/double whitespace and already NFC: nothing to change. */
  private static boolean isTidy(String s) {
    int n = s.length();
    if (n == 0 || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(n - 1))) {
      return false;
    }
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (s.charAt(i + 1) == ' ') {
          return false;
        }
      } else if (c < ' ' || Character.isWhitespace(c)) {
        return false;
      } else if (c > 0x7f) {
        ascii = false;
      }
    }
    return ascii || Normalizer.isNormalized(s, Normalizer.Form.NFC);
  }
}
