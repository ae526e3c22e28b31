package vn.lienlac.delivery.sms;

/**
 * The text an SMS provider is given, with what it costs: unaccented when the provider or school
 * requires it (then GSM 7-bit, 160 characters a segment, instead of UCS-2 at 70).
 */
public record SmsText(String text, boolean unicode, int segments, long costVnd) {

  /** @param segmentPriceVnd what one segment costs with this provider account, in đồng */
  public static SmsText of(String rendered, boolean unaccented, long segmentPriceVnd) {
    String text = unaccented ? UnaccentedSms.of(rendered) : rendered;
    SmsSegments segments = SmsSegments.of(text);
    return new SmsText(text, segments.encoding() == SmsSegments.Encoding.UCS_2, segments.count(),
        segments.count() * segmentPriceVnd);
  }
}
