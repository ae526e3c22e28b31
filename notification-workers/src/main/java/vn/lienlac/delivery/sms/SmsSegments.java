package vn.lienlac.delivery.sms;

/**
 * How many SMS parts a text costs: GSM 03.38 7-bit text fits 160 characters (153 per part when
 * concatenated; extension characters such as { } [ ] ~ \ ^ | € take two places), anything else is
 * UCS-2 with 70 (67 per part). Vietnamese with diacritics is UCS-2, which is why schools send
 * unaccented SMS. Counted in UTF-16 code units, as handsets do.
 */
public record SmsSegments(Encoding encoding, int count) {

  public enum Encoding { GSM_7, UCS_2 }

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "^{}\\[~]|€\f";

  public static SmsSegments of(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (BASIC.indexOf(c) >= 0) {
        septets += 1;
      } else if (EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        return new SmsSegments(Encoding.UCS_2, parts(text.length(), 70, 67));
      }
    }
    return new SmsSegments(Encoding.GSM_7, parts(septets, 160, 153));
  }

  private static int parts(int units, int single, int perPart) {
    if (units <= single) {
      return 1;
    }
    return (units + perPart - 1) / perPart;
  }
}
