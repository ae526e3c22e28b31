package vn.lienlac.payment.vietqr;

import java.util.Map;

/**
 * Reads a VietQR payload in any tag order, checking every nested length and the CRC; refuses, naming
 * the problem, anything that is not a NAPAS 247 transfer code.
 */
public final class VietQrDecoder {

  private VietQrDecoder() {}

  public static VietQrPayload decode(String payload) {
    if (payload == null || payload.isBlank()) {
      throw new VietQrException("empty payload");
    }
    String text = payload.strip();
    // Structure first, so that a cut or mis-nested payload is named by its tag rather than as a bad CRC.
    Map<String, String> top = Tlv.read(text, "");
    checkCrc(text);
    require(top, "00", "payload format indicator");
    if (!"01".equals(top.get("00"))) {
      throw new VietQrException("tag 00 (payload format) must be 01, got " + top.get("00"));
    }
    String initiation = top.get("01");
    if (initiation != null && !initiation.equals("11") && !initiation.equals("12")) {
      throw new VietQrException("tag 01 (initiation method) must be 11 (static) or 12 (dynamic), got " + initiation);
    }
    require(top, "38", "NAPAS merchant account");
    Map<String, String> merchant = nested(top.get("38"), "38");
    if (!VietQrEncoder.NAPAS_GUID.equals(merchant.get("00"))) {
      throw new VietQrException("tag 38 sub-tag 00 must be the NAPAS id A000000727, got '" + merchant.get("00") + "'");
    }
    if (!merchant.containsKey("01")) {
      throw new VietQrException("tag 38 has no beneficiary (sub-tag 01)");
    }
    Map<String, String> beneficiary = nested(merchant.get("01"), "38-01");
    String bin = beneficiary.get("00");
    String account = beneficiary.get("01");
    if (bin == null || !bin.matches("\\d{6}")) {
      throw new VietQrException("tag 38-01 sub-tag 00 must be a 6-digit bank BIN, got '" + bin + "'");
    }
    if (account == null || account.isEmpty() || account.length() > 19) {
      throw new VietQrException("tag 38-01 sub-tag 01 must be an account or card number of 1 to 19 characters, got '" + account + "'");
    }
    String service = merchant.getOrDefault("02", VietQrEncoder.TO_ACCOUNT);
    if (!service.equals(VietQrEncoder.TO_ACCOUNT) && !service.equals(VietQrEncoder.TO_CARD)) {
      throw new VietQrException("tag 38 sub-tag 02 must be QRIBFTTA or QRIBFTTC, got '" + service + "'");
    }
    require(top, "53", "currency");
    if (!"704".equals(top.get("53"))) {
      throw new VietQrException("tag 53 (currency) must be 704 (VND), got " + top.get("53"));
    }
    Long amount = null;
    if (top.containsKey("54")) {
      String a = top.get("54");
      if (!a.matches("[1-9]\\d{0,12}")) {
        throw new VietQrException("tag 54 (amount) must be whole đồng, 1 to 13 digits, got '" + a + "'");
      }
      amount = Long.parseLong(a);
    }
    Map<String, String> additional = top.containsKey("62") ? nested(top.get("62"), "62") : Map.of();
    return new VietQrPayload(bin, account, service.equals(VietQrEncoder.TO_CARD), amount,
        additional.get("01"), additional.get("05"), additional.get("08"));
  }

  private static void checkCrc(String text) {
    int at = text.length() - 8;
    if (at < 0 || !text.startsWith("6304", at)) {
      throw new VietQrException("payload must end with the CRC (tag 63, length 04)");
    }
    String declared = text.substring(at + 4).toUpperCase();
    String computed = Crc16.hex(text.substring(0, at + 4));
    if (!computed.equals(declared)) {
      throw new VietQrException("bad CRC: the payload says " + declared + " but its content gives " + computed);
    }
  }

  private static Map<String, String> nested(String value, String tag) {
    return Tlv.read(value, "tag " + tag + " ");
  }

  private static void require(Map<String, String> fields, String tag, String what) {
    if (!fields.containsKey(tag)) {
      throw new VietQrException("tag " + tag + " (" + what + ") is missing");
    }
  }
}
