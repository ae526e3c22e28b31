package vn.lienlac.payment.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienlac.payment.reference.PaymentReference.Kind;

class PaymentReferenceTest {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  /**
   * References are printed on invoices and in QR codes that parents keep for months: these texts
   * must stay valid forever. They were computed by a separate script, not by the class under test.
   */
  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource({
      "INVOICE,   1,           LLP00QT0QD07",
      "INVOICE,   2,           LLP1KP875XH4",
      "HOUSEHOLD, 1,           LLH00QT0QDPB",
      "HOUSEHOLD, 42,          LLHVNKCBDAP5",
      "INVOICE,   1234567,     LLP0PSRN1NR9",
      "HOUSEHOLD, 1234567,     LLH0PSRN1NEG",
      "INVOICE,   2025090001,  LLPPFXQSXFEV",
      "INVOICE,   34359738367, LLPZANP99BG8",
      "HOUSEHOLD, 34359738367, LLHZANP99B6F",
      "HOUSEHOLD, 30382989111, LLHZZ00ZZ0YQ",
  })
  void the_canonical_text_of_a_reference_never_changes(Kind kind, long number, String text) {
    PaymentReference reference = PaymentReference.of(kind, number);

    assertThat(reference.text()).isEqualTo(text);
    assertThat(PaymentReference.parse(text)).contains(reference);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "INVOICE, 1", "INVOICE, 31", "INVOICE, 32", "INVOICE, 1023", "INVOICE, 1024",
      "INVOICE, 99999999", "INVOICE, 34359738366", "INVOICE, 34359738367",
      "HOUSEHOLD, 1", "HOUSEHOLD, 32", "HOUSEHOLD, 777777", "HOUSEHOLD, 34359738367",
  })
  void small_and_large_numbers_of_both_kinds_survive_a_round_trip(Kind kind, long number) {
    PaymentReference reference = PaymentReference.of(kind, number);

    assertThat(reference.text()).hasSize(12).matches("LL[PH][0-9A-HJKMNP-TV-Z]{9}");
    assertThat(PaymentReference.parse(reference.text())).contains(reference);
    assertThat(PaymentReference.parse(reference.text().toLowerCase())).contains(reference);
    assertThat(reference.kind()).isEqualTo(kind);
    assertThat(reference.number()).isEqualTo(number);
  }

  @Test
  void the_prefix_tells_the_kind() {
    assertThat(PaymentReference.of(Kind.INVOICE, 5).text()).startsWith("LLP");
    assertThat(PaymentReference.of(Kind.HOUSEHOLD, 5).text()).startsWith("LLH");
  }

  @Test
  void the_whole_reference_read_in_base_32_leaves_one_modulo_1021() {
    // The check restated independently: the kind letter's digit, the seven number digits and the
    // two check digits form one base-32 number that is 1 modulo 1021 (ISO 7064 pure-system style).
    for (long number : new long[] {1, 2, 1021, 1_234_567, PaymentReference.MAX_NUMBER}) {
      for (Kind kind : Kind.values()) {
        String text = PaymentReference.of(kind, number).text();
        BigInteger value = BigInteger.ZERO;
        for (char c : text.substring(2).toCharArray()) {
          value = value.shiftLeft(5).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
        }
        assertThat(value.mod(BigInteger.valueOf(1021))).as(text).isEqualTo(BigInteger.ONE);
      }
    }
  }

  @Test
  void consecutive_numbers_get_references_spread_over_the_whole_range() {
    // Invoices 1 … 50,000 all in use. Written plainly they would come in 49 runs of 1,024 sharing
    // their first five digits (about 25 million pairs), so a reference cut after five digits and
    // completed by chance would likely name another live invoice. Spread uniformly, about
    // 50,000² / 2 / 32⁵ ≈ 37 pairs share them.
    Map<String, Integer> heads = new HashMap<>();
    for (long number = 1; number <= 50_000; number++) {
      String head = PaymentReference.of(Kind.INVOICE, number).text().substring(0, 8);
      heads.merge(head, 1, Integer::sum);
    }
    long pairs = heads.values().stream().mapToLong(n -> (long) n * (n - 1) / 2).sum();

    assertThat(pairs).isLessThan(100);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void a_number_below_one_is_refused(long number) {
    assertThatThrownBy(() -> PaymentReference.of(Kind.INVOICE, number))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1")
        .hasMessageContaining("34359738367");
  }

  @ParameterizedTest
  @ValueSource(longs = {34_359_738_368L, Long.MAX_VALUE})
  void a_number_beyond_seven_base_32_digits_is_refused_naming_the_limit(long number) {
    assertThatThrownBy(() -> PaymentReference.of(Kind.HOUSEHOLD, number))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("34359738367");
    assertThatThrownBy(() -> new PaymentReference(Kind.HOUSEHOLD, number))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_reference_needs_a_kind() {
    assertThatThrownBy(() -> PaymentReference.of(null, 1)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void the_largest_number_is_thirty_two_to_the_seventh_minus_one() {
    assertThat(PaymentReference.MAX_NUMBER).isEqualTo((1L << 35) - 1);
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(strings = {
      // variations of LLP00QT0QD07, invoice 1
      "",
      "LLP",
      "LLP00QT0QD0",        // one character short
      "LLP00QT0QD07P",      // one character too many
      "LLP00QT0QD070",
      "LLX00QT0QD07",       // unknown kind letter
      "LPP00QT0QD07",       // damaged prefix
      "XLP00QT0QD07",
      "00QT0QD07LLP",
      "LLP00QT0QD08",       // check character changed
      "LLP00QT0QE07",       // number changed
      "LLH00QT0QD07",       // kind changed, check kept
      "LLPI0QT0QD07",       // I, L, O, U are not in the alphabet
      "LLPL0QT0QD07",
      "LLPO0QT0QD07",       // nor are Crockford's aliases accepted (O for 0)
      "LLP0UQT0QD07",
      "LLP-0QT0QD07",
      "LLP 0QT0QD07",
      " LLP00QT0QD07",      // parse wants the exact text; the finder is for memos
      "LLP00QT0QD07 ",
      "LLP.00QT.0QD07",
      "LLP００QT0QD07",     // full-width digits
      "LLP0P\u017fRN1NR9",  // LLP0PSRN1NR9 with a long s, which Character.toUpperCase makes S
  })
  void parse_refuses_anything_but_a_canonical_reference(String text) {
    assertThat(PaymentReference.parse(text)).isEmpty();
  }

  @Test
  void parse_of_nothing_is_empty() {
    assertThat(PaymentReference.parse(null)).isEmpty();
  }

  @Test
  void parse_ignores_case() {
    assertThat(PaymentReference.parse("llh0psrn1neg"))
        .contains(PaymentReference.of(Kind.HOUSEHOLD, 1_234_567));
    assertThat(PaymentReference.parse("LlH0pSrN1nEg"))
        .contains(PaymentReference.of(Kind.HOUSEHOLD, 1_234_567));
  }

  @Test
  void swaps_across_one_character_and_twin_errors_are_caught() {
    for (PaymentReference reference : new PaymentReference[] {
        PaymentReference.of(Kind.INVOICE, 1),
        PaymentReference.of(Kind.INVOICE, 1_234_567),
        PaymentReference.of(Kind.HOUSEHOLD, 30_382_989_111L), // LLHZZ00ZZ0YQ: twins to change
        PaymentReference.of(Kind.HOUSEHOLD, PaymentReference.MAX_NUMBER)}) {
      String text = reference.text();
      for (int i = 0; i + 2 < text.length(); i++) {
        if (text.charAt(i) != text.charAt(i + 2)) {
          String swapped = text.substring(0, i) + text.charAt(i + 2) + text.charAt(i + 1)
              + text.charAt(i) + text.substring(i + 3);
          assertThat(PaymentReference.parse(swapped)).as(swapped).isEmpty();
        }
      }
      for (int i = 0; i + 1 < text.length(); i++) {
        if (text.charAt(i) == text.charAt(i + 1)) {
          for (char c : ALPHABET.toCharArray()) {
            if (c != text.charAt(i)) {
              String twins = text.substring(0, i) + c + c + text.substring(i + 2);
              assertThat(PaymentReference.parse(twins)).as(twins).isEmpty();
            }
          }
        }
      }
    }
  }

  @Test
  void every_single_substitution_and_adjacent_swap_of_some_references_is_caught() {
    for (PaymentReference reference : new PaymentReference[] {
        PaymentReference.of(Kind.INVOICE, 1),
        PaymentReference.of(Kind.HOUSEHOLD, 1),
        PaymentReference.of(Kind.INVOICE, 1_234_567),
        PaymentReference.of(Kind.HOUSEHOLD, PaymentReference.MAX_NUMBER)}) {
      String text = reference.text();
      for (int i = 0; i < text.length(); i++) {
        for (char c : (ALPHABET + "L").toCharArray()) {
          if (c != text.charAt(i)) {
            String changed = text.substring(0, i) + c + text.substring(i + 1);
            assertThat(PaymentReference.parse(changed)).as(changed).isEmpty();
          }
        }
        if (i + 1 < text.length() && text.charAt(i) != text.charAt(i + 1)) {
          String swapped = text.substring(0, i) + text.charAt(i + 1) + text.charAt(i)
              + text.substring(i + 2);
          assertThat(PaymentReference.parse(swapped)).as(swapped).isEmpty();
        }
      }
    }
  }
}
