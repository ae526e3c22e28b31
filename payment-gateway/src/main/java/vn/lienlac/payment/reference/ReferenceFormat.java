package vn.lienlac.payment.reference;

import java.util.Arrays;
import java.util.Optional;
import vn.lienlac.payment.reference.PaymentReference.Kind;

/**
 * The text layout of {@link PaymentReference} and its check (the reasons are in that class's
 * comment): {@code LL}, the kind letter, {@value #NUMBER_DIGITS} Crockford base-32 digits of the
 * {@linkplain ScrambledNumbers scrambled} number, two check digits; {@value #LENGTH} characters.
 */
final class ReferenceFormat {

  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final String PREFIX = "LL";
  static final int NUMBER_DIGITS = 7;
  static final int CHECK_DIGITS = 2;
  static final int LENGTH = PREFIX.length() + 1 + NUMBER_DIGITS + CHECK_DIGITS;
  static final long MAX_NUMBER = (1L << ScrambledNumbers.BITS) - 1; // 32⁷ − 1

  /** Largest prime below 32² = 1024, the number of values two base-32 characters can take. */
  static final int MODULUS = 1021;
  /** ISO 7064 pure systems make a valid string leave 1, not 0, so that all zeros never pass. */
  static final int REMAINDER = 1;

  private static final int[] DIGIT_VALUES = new int[128];

  static {
    Arrays.fill(DIGIT_VALUES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      DIGIT_VALUES[ALPHABET.charAt(i)] = i;
    }
  }

  private ReferenceFormat() {}

  static String encode(PaymentReference reference) {
    char[] text = new char[LENGTH];
    text[0] = PREFIX.charAt(0);
    text[1] = PREFIX.charAt(1);
    text[2] = reference.kind().letter();
    long digits = ScrambledNumbers.scramble(reference.number());
    for (int i = NUMBER_DIGITS; i >= 1; i--) {
      text[2 + i] = ALPHABET.charAt((int) (digits & 31));
      digits >>>= 5;
    }
    int body = remainder(text, 2, 1 + NUMBER_DIGITS);
    // Appending two digits multiplies the body by 32² = 1024; pick the value that then leaves
    // REMAINDER. It lies in 0 … MODULUS − 1 < 1024, so it always fits in two digits.
    int check = Math.floorMod(REMAINDER - body * 1024, MODULUS);
    text[LENGTH - 2] = ALPHABET.charAt(check / 32);
    text[LENGTH - 1] = ALPHABET.charAt(check % 32);
    return new String(text);
  }

  /**
   * The reference whose text starts at {@code offset} in upper-case {@code text}; what follows it
   * is ignored. Empty unless the prefix, a kind letter, nine alphabet digits and a valid check are
   * there.
   */
  static Optional<PaymentReference> decodeAt(CharSequence text, int offset) {
    if (offset < 0 || text.length() - offset < LENGTH
        || text.charAt(offset) != PREFIX.charAt(0) || text.charAt(offset + 1) != PREFIX.charAt(1)) {
      return Optional.empty();
    }
    Kind kind = kindOf(text.charAt(offset + 2));
    if (kind == null) {
      return Optional.empty();
    }
    int remainder = 0;
    long digits = 0;
    for (int i = 2; i < LENGTH; i++) {
      int digit = digitValue(text.charAt(offset + i));
      if (digit < 0) {
        return Optional.empty();
      }
      remainder = (remainder * 32 + digit) % MODULUS;
      if (i > 2 && i <= 2 + NUMBER_DIGITS) {
        digits = digits << 5 | digit;
      }
    }
    long number = ScrambledNumbers.unscramble(digits);
    if (remainder != REMAINDER || number < 1) {
      return Optional.empty();
    }
    return Optional.of(new PaymentReference(kind, number));
  }

  /** Remainder modulo {@link #MODULUS} of {@code count} base-32 digits read from {@code from}. */
  private static int remainder(char[] text, int from, int count) {
    int remainder = 0;
    for (int i = from; i < from + count; i++) {
      remainder = (remainder * 32 + digitValue(text[i])) % MODULUS;
    }
    return remainder;
  }

  private static Kind kindOf(char letter) {
    for (Kind kind : Kind.values()) {
      if (kind.letter() == letter) {
        return kind;
      }
    }
    return null;
  }

  private static int digitValue(char c) {
    return c < DIGIT_VALUES.length ? DIGIT_VALUES[c] : -1;
  }
}
