package vn.lienlac.payment.reference;

/**
 * A fixed, public permutation of the numbers 0 … 2³⁵ − 1 that sends neighbouring numbers far apart.
 *
 * <p>Why: invoice and household numbers are dense (1, 2, 3, …). Written as they are, all live
 * references would share their leading digits, and a memo cut inside a reference and then followed
 * by a bank's own code (which happens about once in 1,100 such memos to pass the check) would spell
 * another live invoice most of the time. Scrambled, the digits of live references are spread over
 * all 34 billion values, so a reference re-formed from a stump names a number that does not exist
 * unless the system already holds billions. This is not secrecy: the permutation is in the source.
 *
 * <p>Each step is invertible modulo 2³⁵: multiplying by an odd constant, and {@code x ^ (x >>> 18)}
 * (shifting by at least half the width makes it its own inverse). Zero stays zero, so 1 … 2³⁵ − 1
 * maps onto itself and every number keeps a reference.
 */
final class ScrambledNumbers {

  static final int BITS = 35;
  private static final long MASK = (1L << BITS) - 1;
  private static final int SHIFT = 18;
  /** The multiplier of java.util.Random's generator, which happens to be 35 bits wide and odd. */
  private static final long FIRST = 0x5DEECE66DL;
  /** 2³⁵ divided by the golden ratio, made odd. */
  private static final long SECOND = 0x4F1BBCDCBL;
  private static final long FIRST_INVERSE = inverse(FIRST);
  private static final long SECOND_INVERSE = inverse(SECOND);

  private ScrambledNumbers() {}

  static long scramble(long number) {
    long x = number * FIRST & MASK;
    x ^= x >>> SHIFT;
    x = x * SECOND & MASK;
    return x ^ x >>> SHIFT;
  }

  static long unscramble(long scrambled) {
    long x = scrambled ^ scrambled >>> SHIFT;
    x = x * SECOND_INVERSE & MASK;
    x ^= x >>> SHIFT;
    return x * FIRST_INVERSE & MASK;
  }

  /** Inverse of an odd number modulo 2³⁵ by Newton's iteration, each step doubling the bits. */
  private static long inverse(long odd) {
    long inverse = odd; // right to 3 bits, since odd · odd ≡ 1 (mod 8)
    for (int i = 0; i < 5; i++) {
      inverse *= 2 - odd * inverse;
    }
    return inverse & MASK;
  }
}
