package vn.lienlac.payment.reference;

import java.util.Objects;
import java.util.Optional;

/**
 * The code a parent's transfer memo must carry so that the credit can be matched automatically to
 * one invoice ({@link Kind#INVOICE}) or to the several invoices of one guardian's children
 * ({@link Kind#HOUSEHOLD}).
 *
 * <p>Canonical text: twelve ASCII characters, e.g. {@code LLP0PSRN1NR9} for invoice 1,234,567.
 * <pre>
 *   LL P 0PSRN1N R9
 *   │  │ │       └─ two check characters
 *   │  │ └─ the number (1 … 32⁷ − 1 = 34,359,738,367), scrambled, as seven base-32 digits
 *   │  └─ kind: P invoice (phí), H household (hộ)
 *   └─ fixed: Liên Lạc
 * </pre>
 *
 * <p>Why this shape:
 * <ul>
 *   <li><b>Alphabet</b>: Crockford base 32 ({@code 0-9 A-Z} without I, L, O, U), so a reference
 *       never holds the letters that people and OCR confuse with 1 and 0. Lower case is accepted
 *       (banks change case); the Crockford aliases (O for 0, I or L for 1) are not, because every
 *       extra spelling makes random memo text more likely to look like a reference.</li>
 *   <li><b>Prefix</b>: {@code LL} cannot occur inside a reference (L is not in the alphabet), is
 *       not part of the codes banks add ({@code FT…}, {@code MBVCB…}, {@code QR VQR…},
 *       {@code Trace…}) and cannot come out of Vietnamese words, whose syllables never end in L. So once a memo is
 *       stripped of separators, text before a reference cannot merge with it, two references never
 *       overlap, and one cut short is never mistaken for the start of the next. P and H are
 *       themselves base-32 digits, which lets the check cover the kind.</li>
 *   <li><b>Fixed length</b> after the prefix, so characters a bank glues after the reference are
 *       simply not read, and a memo cut inside the reference leaves too few characters.</li>
 *   <li><b>Check</b>: the kind digit, the seven number digits and the two check digits, read as one
 *       base-32 number, leave 1 modulo 1021, the pattern of ISO 7064's pure systems (radix 32,
 *       modulus 1021; not one of the parameter sets the standard publishes). Because 1021 is a
 *       prime larger than 32, every single substitution (a change of d·32ᵏ with 0 &lt; |d| &lt; 32)
 *       and every swap of adjacent different characters (a change of (a−b)·31·32ᵏ) alters the
 *       remainder, so each is detected, as are swaps across one character ((a−b)·1023·32ᵏ) and twin
 *       errors aa→bb ((b−a)·33·32ᵏ). 1021 is the largest prime that two base-32 characters can
 *       encode, so random text with the right shape passes only about once in 1021 tries. The
 *       tempting 1023 = 32² − 1 would miss every swap across one character (32² ≡ 1 makes the
 *       change vanish) and the twin error 00↔ZZ; one check character would let one in 32 random
 *       candidates through.</li>
 *   <li><b>Scrambled number</b>: a fixed permutation spreads consecutive numbers over the whole
 *       range, so that a reference cut short and then completed by whatever the bank appended
 *       names, in the rare case its check passes, a number nobody holds rather than a neighbour's
 *       invoice (see {@code ScrambledNumbers}).</li>
 *   <li><b>Size</b>: twelve characters leave thirteen of the 25 a VietQR memo holds for words such
 *       as "Tien an T9", and seven digits number 34 billion references of each kind.</li>
 * </ul>
 *
 * <p>Use {@link #parse(String)} for text that should be exactly a reference (typed into a form,
 * read from our own files) and {@link ReferenceFinder#findAll(String)} for bank memos.
 *
 * @param kind what the reference pays for
 * @param number the invoice or household number, 1 … {@link #MAX_NUMBER}
 */
public record PaymentReference(Kind kind, long number) {

  /** The largest number a reference holds: 32⁷ − 1 = 34,359,738,367. */
  public static final long MAX_NUMBER = ReferenceFormat.MAX_NUMBER;

  /** What a reference pays for; its letter is the third character of the text. */
  public enum Kind {
    /** One invoice. */
    INVOICE('P'),
    /** Several invoices of one guardian's children, paid by one transfer. */
    HOUSEHOLD('H');

    private final char letter;

    Kind(char letter) {
      this.letter = letter;
    }

    char letter() {
      return letter;
    }
  }

  /**
   * @throws NullPointerException when {@code kind} is null
   * @throws IllegalArgumentException when {@code number} is below 1 or above {@link #MAX_NUMBER}
   */
  public PaymentReference {
    Objects.requireNonNull(kind, "kind");
    if (number < 1 || number > MAX_NUMBER) {
      throw new IllegalArgumentException("A payment reference number must be between 1 and "
          + MAX_NUMBER + " (seven base-32 digits), was " + number);
    }
  }

  /** The reference of one invoice or household; same as the constructor. */
  public static PaymentReference of(Kind kind, long number) {
    return new PaymentReference(kind, number);
  }

  /** The canonical text: {@code LL}, the kind letter, seven digits and two check characters. */
  public String text() {
    return ReferenceFormat.encode(this);
  }

  /**
   * The reference whose canonical text this is, ignoring case; empty when the text has the wrong
   * length, prefix or characters (nothing is trimmed or skipped), or when the check fails, which it
   * does for every single mistyped character and every swap of two adjacent characters.
   */
  public static Optional<PaymentReference> parse(String text) {
    if (text == null || text.length() != ReferenceFormat.LENGTH) {
      return Optional.empty();
    }
    char[] upper = new char[ReferenceFormat.LENGTH];
    for (int i = 0; i < upper.length; i++) {
      char c = text.charAt(i);
      // ASCII only: Character.toUpperCase would turn the dotless ı into I and the long ſ into S.
      upper[i] = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }
    return ReferenceFormat.decodeAt(new String(upper), 0);
  }
}
