package vn.lienlac.delivery.sms;

import vn.lienlac.messaging.text.AsciiFolding;

/**
 * Vietnamese text as an SMS without diacritics ("không dấu"), for providers and schools that require
 * it: diacritics dropped, đ → d, and typographic characters outside GSM 7-bit replaced by plain ones.
 */
public final class UnaccentedSms {

  private UnaccentedSms() {}

  public static String of(String text) {
    return AsciiFolding.fold(text)
        .replace('“', '"').replace('”', '"').replace('‘', '\'').replace('’', '\'')
        .replace('–', '-').replace('—', '-').replace("…", "...").replace('\u00a0', ' ');
  }
}
