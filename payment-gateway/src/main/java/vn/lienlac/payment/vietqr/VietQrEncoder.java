package vn.lienlac.payment.vietqr;

import vn.lienlac.messaging.text.AsciiFolding;

/**
 * Writes a VietQR payload: EMVCo merchant-presented TLV with the NAPAS merchant account (tag 38),
 * VND, country VN, optional additional data (tag 62) and the CRC (tag 63). Inputs outside the
 * standard are refused with a message, never truncated.
 */
public final class VietQrEncoder {

  static final String NAPAS_GUID = "A000000727";
  static final String TO_ACCOUNT = "QRIBFTTA";
  static final String TO_CARD = "QRIBFTTC";

  private VietQrEncoder() {}

  public static String encode(VietQrPayload p) {
    validate(p);
    String beneficiary = tlv("00", p.bin()) + tlv("01", p.account());
    String merchantAccount = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", p.toCard() ? TO_CARD : TO_ACCOUNT);
    StringBuilder qr = new StringBuilder()
        .append(tlv("00", "01"))
        .append(tlv("01", p.dynamic() ? "12" : "11"))
        .append(tlv("38", merchantAccount))
        .append(tlv("53", "704"));
    if (p.dynamic()) {
      qr.append(tlv("54", Long.toString(p.amount())));
    }
    qr.append(tlv("58", "VN"));
    String additional = optional("01", p.billNumber()) + optional("05", p.referenceLabel())
        + optional("08", memo(p.memo()));
    if (!additional.isEmpty()) {
      qr.append(tlv("62", additional));
    }
    qr.append("6304");
    return qr.append(Crc16.hex(qr.toString())).toString();
  }

  private static void validate(VietQrPayload p) {
    if (p.bin() == null || !BankBins.ALL.containsKey(p.bin())) {
      throw new VietQrException("unknown bank BIN '" + p.bin() + "': expected one of the NAPAS BINs such as 970436 (Vietcombank)");
    }
    if (p.account() == null || p.account().isEmpty()) {
      throw new VietQrException("account number is missing");
    }
    if (p.account().length() > 19) {
      throw new VietQrException("account number has " + p.account().length() + " characters; at most 19 are allowed");
    }
    if (!p.account().matches(p.toCard() ? "[0-9]+" : "[0-9A-Za-z]+")) {
      throw new VietQrException((p.toCard() ? "card number must be digits" : "account number must be letters and digits")
          + ", got '" + p.account() + "'");
    }
    if (p.amount() != null) {
      if (p.amount() < 1) {
        throw new VietQrException("amount must be at least 1 đồng, got " + p.amount());
      }
      if (Long.toString(p.amount()).length() > 13) {
        throw new VietQrException("amount " + p.amount() + " has more than 13 digits");
      }
    }
    checkText("bill number", p.billNumber());
    checkText("reference label", p.referenceLabel());
    checkText("memo", memo(p.memo()));
  }

  private static void checkText(String what, String value) {
    if (value == null) {
      return;
    }
    if (value.length() > 25) {
      throw new VietQrException(what + " has " + value.length() + " characters after removing diacritics; at most 25 are allowed");
    }
    if (!value.matches("[\\x20-\\x7E]*")) {
      throw new VietQrException(what + " must be printable ASCII after removing diacritics, got '" + value + "'");
    }
  }

  private static String memo(String memo) {
    return memo == null || memo.isEmpty() ? null : AsciiFolding.fold(memo);
  }

  private static String optional(String tag, String value) {
    return value == null || value.isEmpty() ? "" : tlv(tag, value);
  }

  static String tlv(String tag, String value) {
    if (value.length() > 99) {
      throw new VietQrException("tag " + tag + " would be " + value.length() + " characters long; at most 99 fit");
    }
    return tag + String.format("%02d", value.length()) + value;
  }
}
