package vn.lienlac.payment.vietqr;

import java.nio.charset.StandardCharsets;

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor), as EMVCo QR tag 63 uses. */
final class Crc16 {

  private Crc16() {}

  static int of(byte[] bytes) {
    int crc = 0xFFFF;
    for (byte b : bytes) {
      crc ^= (b & 0xFF) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      crc &= 0xFFFF;
    }
    return crc;
  }

  /** Four upper-case hex digits over the UTF-8 bytes of the text. */
  static String hex(String text) {
    return String.format("%04X", of(text.getBytes(StandardCharsets.UTF_8)));
  }
}
