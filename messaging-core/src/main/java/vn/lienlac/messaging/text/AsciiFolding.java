package vn.lienlac.messaging.text;

import java.text.Normalizer;

/** Vietnamese text without diacritics, as bank memos and unaccented SMS carry it: "ủng hộ lũ lụt" → "ung ho lu lut". */
public final class AsciiFolding {

  private AsciiFolding() {}

  public static String fold(String text) {
    if (text == null) {
      return null;
    }
    String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "");
  }
}
