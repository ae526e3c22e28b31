package vn.lienlac.payment.reference;

import java.text.Normalizer;

/** Folds a bank memo to the characters a reference is made of. */
final class MemoText {

  private MemoText() {}

  /**
   * Upper-case ASCII letters and digits only: diacritics removed ({@code Nguyễn} → {@code NGUYEN},
   * {@code đ} and its look-alike {@code ð} → {@code D}), compatibility forms folded (full-width
   * {@code ＬＬＰ} → {@code LLP}), and every space, dot, dash or other separator dropped, since banks
   * insert them anywhere, also inside a reference.
   */
  static String normalise(String memo) {
    String decomposed = Normalizer.normalize(memo, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (c >= 'a' && c <= 'z') {
        out.append((char) (c - ('a' - 'A')));
      } else if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
        out.append(c);
      } else if (c == 'đ' || c == 'Đ' || c == 'ð' || c == 'Ð') {
        out.append('D');
      }
    }
    return out.toString();
  }
}
