package vn.lienlac.infra.seed;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Mobile numbers the way school staff type them into the district system: mostly current numbers in
 * every common spelling, some pre-2018 11-digit numbers that were never updated, and a few that cannot
 * be used at all (a landline, a digit missing, blank, "không có"). The mix is what the sync's phone
 * normalisation and the data-quality report exist for.
 */
final class PhoneNumbersAsTyped {

  /** Two digits after the leading 0, weighted roughly by the carriers' market shares. */
  static final Weighted<String> MOBILE_PREFIXES = Weighted.of(
      // Viettel
      "32", 4, "33", 4, "34", 4, "35", 4, "36", 4, "37", 4, "38", 4, "39", 4, "86", 5, "96", 5, "97", 6, "98", 6,
      // MobiFone
      "70", 3, "76", 2, "77", 3, "78", 2, "79", 3, "89", 3, "90", 6, "93", 5,
      // VinaPhone
      "81", 2, "82", 2, "83", 2, "84", 2, "85", 2, "88", 3, "91", 6, "94", 4,
      // Vietnamobile, Gmobile, iTel
      "52", 1, "56", 1, "58", 1, "92", 1, "59", 1, "99", 1, "87", 1);

  /** Pre-2018 national prefixes (0 included) that the number-plan change converted. */
  private static final Weighted<String> LEGACY_PREFIXES = Weighted.of(
      "0162", 3, "0163", 3, "0164", 3, "0165", 3, "0166", 3, "0167", 3, "0168", 4, "0169", 4,
      "0120", 2, "0121", 2, "0122", 2, "0126", 1, "0128", 1, "0123", 3, "0124", 2, "0125", 2,
      "0127", 1, "0129", 2, "0186", 1, "0188", 1, "0199", 1);

  private static final List<String> WORDS = List.of("không có", "chưa có", "đang cập nhật", "không", "chưa cung cấp");

  private PhoneNumbersAsTyped() {}

  /** A number as typed: 96.5% current mobile, 3% legacy 11-digit, 0.5% unusable. */
  static String any(SplittableRandom random) {
    int r = random.nextInt(1000);
    if (r < 5) {
      return unusable(random);
    }
    if (r < 35) {
      return legacy(random);
    }
    return typed(random, national(random));
  }

  /** A current mobile number in national form: "0912345678". */
  static String national(SplittableRandom random) {
    char[] digits = new char[10];
    String prefix = MOBILE_PREFIXES.pick(random);
    digits[0] = '0';
    digits[1] = prefix.charAt(0);
    digits[2] = prefix.charAt(1);
    for (int i = 3; i < 10; i++) {
      digits[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(digits);
  }

  /** The spellings seen in real school spreadsheets, most common first. */
  static String typed(SplittableRandom random, String national) {
    String rest = national.substring(1); // without the national 0: "912345678"
    int r = random.nextInt(100);
    if (r < 46) return national;                                                      // 0912345678
    if (r < 66) return groups(national, ' ');                                         // 0912 345 678
    if (r < 74) return groups(national, '.');                                         // 0912.345.678
    if (r < 83) return "+84" + rest;                                                  // +84912345678
    if (r < 89) return "84" + rest;                                                   // 84912345678
    if (r < 93) return groups(national, '-');                                         // 0912-345-678
    if (r < 96) return "+84 " + rest.substring(0, 3) + " " + rest.substring(3, 6) + " " + rest.substring(6);
    return rest;                                                                      // 912345678: Excel ate the 0
  }

  /** An 11-digit number from before 2018: "01688123456", "0168 812 3456", "+841688123456". */
  static String legacy(SplittableRandom random) {
    StringBuilder number = new StringBuilder(LEGACY_PREFIXES.pick(random));
    for (int i = 0; i < 7; i++) {
      number.append((char) ('0' + random.nextInt(10)));
    }
    String n = number.toString();
    int r = random.nextInt(10);
    if (r < 7) return n;
    if (r < 9) return n.substring(0, 4) + " " + n.substring(4, 7) + " " + n.substring(7);
    return "+84" + n.substring(1);
  }

  /** Not a usable mobile number; null stands for an empty cell. */
  static String unusable(SplittableRandom random) {
    return switch (random.nextInt(10)) {
      case 0, 1 -> "024 " + digits(random, 4) + " " + digits(random, 4);   // Hà Nội landline
      case 2 -> "028 " + digits(random, 4) + " " + digits(random, 4);      // HCMC landline
      case 3, 4 -> national(random).substring(0, 9);                        // a digit missing
      case 5 -> "";
      case 6 -> null;
      default -> WORDS.get(random.nextInt(WORDS.size()));
    };
  }

  private static String groups(String national, char separator) {
    return national.substring(0, 4) + separator + national.substring(4, 7) + separator + national.substring(7);
  }

  private static String digits(SplittableRandom random, int count) {
    char[] out = new char[count];
    for (int i = 0; i < count; i++) {
      out[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(out);
  }
}
