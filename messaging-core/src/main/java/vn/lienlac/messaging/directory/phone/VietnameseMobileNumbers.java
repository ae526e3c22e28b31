package vn.lienlac.messaging.directory.phone;

import java.util.Map;
import java.util.Set;

/**
 * Turns a phone number as schools type it ({@code 0912 345 678}, {@code +84912345678},
 * {@code 84912345678}, {@code (+84) 912.345.678}, {@code 0084…}, legacy 11-digit {@code 0168…}) into
 * E.164 ({@code +84912345678}), or says why it cannot.
 *
 * <p>Legacy 11-digit numbers are converted as the 2018 number-plan change did (Decision 798/QĐ-BTTTT):
 * Viettel 016x → 03x, MobiFone 0120/0121/0122/0126/0128 → 070/079/077/076/078, VinaPhone
 * 0123/0124/0125/0127/0129 → 083/084/085/081/082, Vietnamobile 0186/0188 → 056/058,
 * Gmobile 0199 → 059. The result must then carry a current mobile prefix.
 */
public final class VietnameseMobileNumbers {

  /** Old 4-digit national prefix (with leading 0) → new 3-digit prefix. */
  static final Map<String, String> LEGACY_PREFIXES = Map.ofEntries(
      Map.entry("0162", "032"), Map.entry("0163", "033"), Map.entry("0164", "034"),
      Map.entry("0165", "035"), Map.entry("0166", "036"), Map.entry("0167", "037"),
      Map.entry("0168", "038"), Map.entry("0169", "039"),
      Map.entry("0120", "070"), Map.entry("0121", "079"), Map.entry("0122", "077"),
      Map.entry("0126", "076"), Map.entry("0128", "078"),
      Map.entry("0123", "083"), Map.entry("0124", "084"), Map.entry("0125", "085"),
      Map.entry("0127", "081"), Map.entry("0129", "082"),
      Map.entry("0186", "056"), Map.entry("0188", "058"),
      Map.entry("0199", "059"));

  /** Two digits after the leading 0 of every mobile number in service since the 2018 change. */
  static final Set<String> MOBILE_PREFIXES = Set.of(
      "32", "33", "34", "35", "36", "37", "38", "39", "86", "96", "97", "98", // Viettel
      "70", "76", "77", "78", "79", "89", "90", "93",                         // MobiFone
      "81", "82", "83", "84", "85", "88", "91", "94",                         // VinaPhone
      "52", "56", "58", "92",                                                 // Vietnamobile
      "59", "99",                                                             // Gmobile
      "87",                                                                   // iTel
      "55");                                                                  // Reddi

  private VietnameseMobileNumbers() {}

  public static PhoneNormalisation normalise(String asTyped) {
    if (asTyped == null || asTyped.chars().noneMatch(Character::isDigit)) {
      // blank, or words standing in for a number: "không có", "chưa cung cấp", "N/A"
      return new PhoneNormalisation.Invalid(PhoneProblem.MISSING);
    }
    String digits = digitsOf(asTyped.strip());
    if (digits == null) {
      return new PhoneNormalisation.Invalid(PhoneProblem.NOT_A_NUMBER);
    }
    String national = toNational(digits);
    if (national == null) {
      String bare = digits.replace("+", "");
      return new PhoneNormalisation.Invalid(
          bare.length() < 9 ? PhoneProblem.WRONG_LENGTH : PhoneProblem.NOT_VIETNAMESE);
    }
    boolean legacy = false;
    if (national.length() == 11) {
      String replacement = LEGACY_PREFIXES.get(national.substring(0, 4));
      if (replacement == null) {
        return new PhoneNormalisation.Invalid(
            national.startsWith("02") ? PhoneProblem.NOT_MOBILE : PhoneProblem.WRONG_LENGTH);
      }
      national = replacement + national.substring(4);
      legacy = true;
    }
    if (national.length() != 10) {
      return new PhoneNormalisation.Invalid(
          national.startsWith("02") ? PhoneProblem.NOT_MOBILE : PhoneProblem.WRONG_LENGTH);
    }
    if (!MOBILE_PREFIXES.contains(national.substring(1, 3))) {
      return new PhoneNormalisation.Invalid(PhoneProblem.NOT_MOBILE);
    }
    return new PhoneNormalisation.Valid("+84" + national.substring(1), legacy);
  }

  /** Keeps digits and a leading '+', dropping the separators people type; null if anything else. */
  private static String digitsOf(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
      } else if (c == '+' && out.isEmpty()) {
        out.append(c);
      } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '\u00a0') {
        return null;
      }
    }
    return out.isEmpty() || out.toString().equals("+") ? null : out.toString();
  }

  /** Rewrites international forms to the national form with a leading 0; null if not Vietnamese. */
  private static String toNational(String digits) {
    if (digits.startsWith("+")) {
      return digits.startsWith("+84") ? afterCountryCode(digits.substring(3)) : null;
    }
    if (digits.startsWith("0084")) {
      return afterCountryCode(digits.substring(4));
    }
    if (digits.startsWith("0")) {
      return digits;
    }
    // "84912345678" (11 digits), legacy "841688123456" or "840912345678" (12): the country code without '+'.
    if (digits.startsWith("84") && (digits.length() == 11 || digits.length() == 12)) {
      return afterCountryCode(digits.substring(2));
    }
    // "912345678": nine digits typed without the leading 0.
    if (digits.length() == 9) {
      return "0" + digits;
    }
    return null;
  }

  /** People often keep the national 0 after the country code: "+84 0912…" means "+84 912…". */
  private static String afterCountryCode(String rest) {
    return rest.startsWith("0") ? rest : "0" + rest;
  }
}
