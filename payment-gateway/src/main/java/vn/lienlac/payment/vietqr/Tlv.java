package vn.lienlac.payment.vietqr;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one level of EMVCo TLV (two-digit tag, two-digit length, value), checking every length. */
final class Tlv {

  private Tlv() {}

  /**
   * @param where how to name this level in errors, e.g. "" for the top level or "tag 38 " for a nested one
   */
  static Map<String, String> read(String text, String where) {
    Map<String, String> fields = new LinkedHashMap<>();
    int i = 0;
    while (i < text.length()) {
      if (i + 4 > text.length()) {
        String rest = text.substring(i);
        throw new VietQrException(rest.length() >= 2
            ? where + "tag " + rest.substring(0, 2) + " is cut short: no two-digit length follows it"
            : where + "ends with '" + rest + "', too short for a tag and length");
      }
      String tag = text.substring(i, i + 2);
      String length = text.substring(i + 2, i + 4);
      if (!tag.matches("\\d{2}") || !length.matches("\\d{2}")) {
        throw new VietQrException(where + "has '" + tag + length + "' at position " + i + " where a tag and length of digits belong");
      }
      int n = Integer.parseInt(length);
      int end = i + 4 + n;
      if (end > text.length()) {
        throw new VietQrException(where + "tag " + tag + " declares length " + n + " but only " + (text.length() - i - 4)
            + " characters remain");
      }
      if (fields.putIfAbsent(tag, text.substring(i + 4, end)) != null) {
        throw new VietQrException(where + "tag " + tag + " appears twice");
      }
      i = end;
    }
    return fields;
  }
}
