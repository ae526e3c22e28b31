package vn.lienlac.messaging.directory.phone;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseMobileNumbersTest {

  @ParameterizedTest(name = "''{0}'' becomes {1}")
  @CsvSource(delimiter = '|', value = {
      "0912 345 678       | +84912345678",
      "0912345678         | +84912345678",
      "+84912345678       | +84912345678",
      "84912345678        | +84912345678",
      "+84 912 345 678    | +84912345678",
      "(+84) 912.345.678  | +84912345678",
      "0912-345-678       | +84912345678",
      "0084912345678      | +84912345678",
      "+840912345678      | +84912345678",
      "912345678          | +84912345678",
      "0987.654.321       | +84987654321",
      "0326 111 222       | +84326111222",
      "0559 000 111       | +84559000111",
  })
  void writes_every_form_schools_type_as_e164(String typed, String e164) {
    assertThat(VietnameseMobileNumbers.normalise(typed))
        .isEqualTo(new PhoneNormalisation.Valid(e164, false));
  }

  @ParameterizedTest(name = "legacy ''{0}'' becomes {1}")
  @CsvSource(delimiter = '|', value = {
      "01688123456    | +84388123456",  // Viettel 0168 -> 038
      "0162 812 3456  | +84328123456",  // Viettel 0162 -> 032
      "01698123456    | +84398123456",  // Viettel 0169 -> 039
      "01208123456    | +84708123456",  // MobiFone 0120 -> 070
      "01218123456    | +84798123456",  // MobiFone 0121 -> 079
      "01228123456    | +84778123456",  // MobiFone 0122 -> 077
      "01268123456    | +84768123456",  // MobiFone 0126 -> 076
      "01288123456    | +84788123456",  // MobiFone 0128 -> 078
      "01238123456    | +84838123456",  // VinaPhone 0123 -> 083
      "01248123456    | +84848123456",  // VinaPhone 0124 -> 084
      "01258123456    | +84858123456",  // VinaPhone 0125 -> 085
      "01278123456    | +84818123456",  // VinaPhone 0127 -> 081
      "01298123456    | +84828123456",  // VinaPhone 0129 -> 082
      "01868123456    | +84568123456",  // Vietnamobile 0186 -> 056
      "01888123456    | +84588123456",  // Vietnamobile 0188 -> 058
      "01998123456    | +84598123456",  // Gmobile 0199 -> 059
      "+841688123456  | +84388123456",
      "841688123456   | +84388123456",
  })
  void converts_legacy_eleven_digit_numbers_by_the_2018_plan(String typed, String e164) {
    assertThat(VietnameseMobileNumbers.normalise(typed))
        .isEqualTo(new PhoneNormalisation.Valid(e164, true));
  }

  @ParameterizedTest(name = "''{0}'' is invalid: {1}")
  @CsvSource(delimiter = '|', value = {
      "''                 | MISSING",
      "'   '              | MISSING",
      "không có           | MISSING",
      "chưa cung cấp      | MISSING",
      "09123abc78         | NOT_A_NUMBER",
      "0912345678 / 0987654321 | NOT_A_NUMBER",
      "091234567          | WRONG_LENGTH",
      "09123456789        | WRONG_LENGTH",
      "12345              | WRONG_LENGTH",
      "+14155550123       | NOT_VIETNAMESE",
      "024 3825 1234      | NOT_MOBILE",
      "0243 825 123       | NOT_MOBILE",
      "0112345678         | NOT_MOBILE",
      "01118123456        | WRONG_LENGTH",
  })
  void says_why_a_number_cannot_be_used(String typed, PhoneProblem problem) {
    assertThat(VietnameseMobileNumbers.normalise(typed))
        .isEqualTo(new PhoneNormalisation.Invalid(problem));
  }

  @Test
  void null_is_a_missing_number() {
    assertThat(VietnameseMobileNumbers.normalise(null))
        .isEqualTo(new PhoneNormalisation.Invalid(PhoneProblem.MISSING));
  }

  @Property
  void every_valid_result_is_plus84_and_nine_digits_with_a_mobile_prefix(
      @ForAll @IntRange(min = 0, max = 999_999_999) int subscriber, @ForAll("forms") int form) {
    String national = String.format("0%09d", subscriber);
    String typed = switch (form) {
      case 0 -> national;
      case 1 -> "+84" + national.substring(1);
      case 2 -> "84" + national.substring(1);
      default -> national.substring(0, 4) + " " + national.substring(4, 7) + " " + national.substring(7);
    };
    PhoneNormalisation result = VietnameseMobileNumbers.normalise(typed);
    boolean mobilePrefix = VietnameseMobileNumbers.MOBILE_PREFIXES.contains(national.substring(1, 3));
    assertThat(result.isValid()).isEqualTo(mobilePrefix);
    if (result instanceof PhoneNormalisation.Valid valid) {
      assertThat(valid.e164()).matches("\\+84[0-9]{9}").isEqualTo("+84" + national.substring(1));
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> forms() {
    return net.jqwik.api.Arbitraries.integers().between(0, 3);
  }

  @Property
  void normalising_is_idempotent(@ForAll @IntRange(min = 0, max = 999_999_999) int subscriber) {
    PhoneNormalisation once = VietnameseMobileNumbers.normalise(String.format("0%09d", subscriber));
    if (once instanceof PhoneNormalisation.Valid valid) {
      assertThat(VietnameseMobileNumbers.normalise(valid.e164()))
          .isEqualTo(new PhoneNormalisation.Valid(valid.e164(), false));
    }
  }
}
