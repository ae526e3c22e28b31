package vn.lienlac.messaging.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

  @Test
  void a_phone_keeps_only_its_first_two_and_last_two_digits() {
    assertThat(PersonalData.phone("0912345612")).isEqualTo("09******12");
    assertThat(PersonalData.phone("+84912345612")).isEqualTo("84*******12");
  }

  @Test
  void a_name_keeps_only_the_initial_of_each_word() {
    assertThat(PersonalData.name("Nguyễn Văn An")).isEqualTo("N***** V** A*");
    assertThat(PersonalData.name("Đỗ  Thị Lan")).isEqualTo("Đ* T** L**");
  }

  @Test
  void phones_inside_a_log_line_are_masked_in_every_typed_form() {
    assertThat(PersonalData.maskPhonesIn("otp sent to +84912345678 and 0912 345 678 or 0912.345.678"))
        .isEqualTo("otp sent to 84*******78 and 09******78 or 09******78");
    assertThat(PersonalData.maskPhonesIn("legacy 01688123456")).isEqualTo("legacy 01*******56");
  }

  @Test
  void short_numbers_ids_and_timestamps_are_left_alone() {
    String line = "synced 5000 rows of table hoc_sinh in 120 ms, run 42, at 2026-11-22T07:00:00Z";
    assertThat(PersonalData.maskPhonesIn(line)).isEqualTo(line);
  }
}
