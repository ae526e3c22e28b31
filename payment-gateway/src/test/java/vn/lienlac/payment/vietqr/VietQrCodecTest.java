package vn.lienlac.payment.vietqr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import vn.lienlac.messaging.text.AsciiFolding;

class VietQrCodecTest {

  static final String VIETINBANK_120K =
      "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C";

  @Test
  void a_memo_with_vietnamese_diacritics_is_folded_to_ascii() {
    VietQrPayload payload = new VietQrPayload("970415", "0011001932418", false, 120_000L, null, null, "ủng hộ lũ lụt");

    assertThat(VietQrEncoder.encode(payload)).isEqualTo(VIETINBANK_120K);
    assertThat(AsciiFolding.fold("Đóng tiền ăn tháng 9 - Nguyễn Thị Ánh")).isEqualTo("Dong tien an thang 9 - Nguyen Thi Anh");
  }

  @Test
  void inputs_outside_the_standard_are_refused_not_truncated() {
    assertThatThrownBy(() -> encode("970415", "12345678901234567890", 1L, null))
        .isInstanceOf(VietQrException.class).hasMessageContaining("account").hasMessageContaining("19");
    assertThatThrownBy(() -> encode("970415", "0011001932418", 1L, "this memo is far longer than 25"))
        .hasMessageContaining("memo").hasMessageContaining("25");
    assertThatThrownBy(() -> encode("970415", "0011001932418", 12_345_678_901_234L, null))
        .hasMessageContaining("amount").hasMessageContaining("13");
    assertThatThrownBy(() -> encode("123456", "0011001932418", 1L, null))
        .hasMessageContaining("BIN").hasMessageContaining("123456");
    assertThatThrownBy(() -> encode("970415", "0011001932418", 0L, null)).hasMessageContaining("amount");
  }

  @Test
  void a_payload_whose_crc_does_not_match_is_refused_naming_both_values() {
    String tampered = VIETINBANK_120K.replace("5406120000", "5406990000");

    assertThatThrownBy(() -> VietQrDecoder.decode(tampered))
        .isInstanceOf(VietQrException.class).hasMessageContaining("CRC").hasMessageContaining("C15C");
  }

  @Test
  void a_length_that_runs_past_the_end_is_refused_naming_the_tag() {
    String truncated = "000201010212380";
    assertThatThrownBy(() -> VietQrDecoder.decode(truncated)).hasMessageContaining("tag 38");
  }

  @Test
  void a_merchant_account_that_is_not_nested_tlv_is_refused() {
    String body = "000201010211" + "3808" + "ABCDEFGH" + "5303704" + "5802VN" + "6304";
    String payload = body + Crc16.hex(body);
    assertThatThrownBy(() -> VietQrDecoder.decode(payload)).hasMessageContaining("tag 38");
  }

  @Test
  void tags_are_read_in_any_order() {
    String body = "000201010212" + "62170813ung ho lu lut" + "5802VN" + "5406120000" + "5303704"
        + "38570010A00000072701270006970415011300110019324180208QRIBFTTA" + "6304";
    VietQrPayload decoded = VietQrDecoder.decode(body + Crc16.hex(body));

    assertThat(decoded.memo()).isEqualTo("ung ho lu lut");
    assertThat(decoded.amount()).isEqualTo(120_000L);
    assertThat(decoded.account()).isEqualTo("0011001932418");
  }

  @Test
  void a_payload_for_another_scheme_is_refused() {
    String body = "000201010211" + "38570010A00000099901270006970415011300110019324180208QRIBFTTA" + "5303704" + "5802VN" + "6304";
    assertThatThrownBy(() -> VietQrDecoder.decode(body + Crc16.hex(body))).hasMessageContaining("A000000727");
  }

  @Test
  void the_crc_is_ccitt_false() {
    assertThat(Crc16.hex("123456789")).isEqualTo("29B1");
  }

  @Property
  void whatever_is_encoded_decodes_to_the_same(@ForAll("payloads") VietQrPayload payload) {
    assertThat(VietQrDecoder.decode(VietQrEncoder.encode(payload))).isEqualTo(payload);
  }

  @Provide
  Arbitrary<VietQrPayload> payloads() {
    Arbitrary<String> bin = Arbitraries.of(BankBins.ALL.keySet());
    Arbitrary<String> account = Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(19);
    Arbitrary<Boolean> card = Arbitraries.of(true, false);
    Arbitrary<Long> amount = Arbitraries.longs().between(1, 9_999_999_999_999L).injectNull(0.3);
    Arbitrary<String> text = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789 .-")
        .ofMinLength(1).ofMaxLength(25).filter(s -> !s.isBlank() && s.equals(s.strip())).injectNull(0.3);
    return Combinators.combine(bin, account, card, amount, text, text)
        .as((b, a, c, amt, bill, memo) -> new VietQrPayload(b, a, c, amt, bill, null, memo));
  }

  private static String encode(String bin, String account, Long amount, String memo) {
    return VietQrEncoder.encode(new VietQrPayload(bin, account, false, amount, null, null, memo));
  }
}
