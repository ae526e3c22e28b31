package vn.lienlac.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

  @Test
  void plain_text_fits_160_characters_in_one_gsm_segment_and_153_per_part_after() {
    assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments(SmsSegments.Encoding.GSM_7, 1));
    assertThat(SmsSegments.of("a".repeat(161)).count()).isEqualTo(2);
    assertThat(SmsSegments.of("a".repeat(306)).count()).isEqualTo(2);
    assertThat(SmsSegments.of("a".repeat(307)).count()).isEqualTo(3);
  }

  @Test
  void extension_characters_take_two_places() {
    assertThat(SmsSegments.of("{".repeat(80)).count()).isEqualTo(1);
    assertThat(SmsSegments.of("{".repeat(81)).count()).isEqualTo(2);
  }

  @Test
  void vietnamese_with_diacritics_needs_unicode_70_per_segment_and_67_per_part() {
    assertThat(SmsSegments.of("ủ".repeat(70))).isEqualTo(new SmsSegments(SmsSegments.Encoding.UCS_2, 1));
    assertThat(SmsSegments.of("ủ".repeat(71)).count()).isEqualTo(2);
    assertThat(SmsSegments.of("ủ".repeat(134)).count()).isEqualTo(2);
  }

  @Test
  void the_same_notice_without_diacritics_costs_fewer_segments() {
    String notice = "Trường Tiểu học Lê Văn Tám: đã nhận 1.250.000 đ tiền ăn tháng 9 của em Nguyễn Minh An. Cảm ơn quý phụ huynh.";
    SmsSegments accented = SmsSegments.of(notice);
    SmsSegments folded = SmsSegments.of(UnaccentedSms.of(notice));

    assertThat(accented.encoding()).isEqualTo(SmsSegments.Encoding.UCS_2);
    assertThat(folded.encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
    assertThat(folded.count()).isLessThan(accented.count());
    assertThat(UnaccentedSms.of(notice)).startsWith("Truong Tieu hoc Le Van Tam: da nhan 1.250.000 d tien an thang 9");
  }
}
