package vn.lienlac.payment.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
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
      "INVOICE,   1,           LLP00000014P",
      "HOUSEHOLD, 1,           LLH0000001TT",
      "HOUSEHOLD, 42,          LLH000001APZ",
      "INVOICE,   1234567,     LLP0015NM7M0",
      "HOUSEHOLD, 1234567,     LLH0015NM7A7",
      "INVOICE,   2025090001,  LLP1WB8TYHQ8",
      "INVOICE,   34359738367, LLPZZZZZZZKK",
      "HOUSEHOLD, 34359738367, LLHZZZZZZZ9T",
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
      "",
      "LLP",
      "LLP00000014",        // one character short
      "LLP00000014PP",      // one character too many
      "LLP00000014P0",
      "LLX00000014P",       // unknown kind letter
      "LPP00000014P",       // damaged prefix
      "XLP00000014P",
      "00000014PLLP",
      "LLP00000014Q",       // check character changed
      "LLP00000015P",       // number changed
      "LLH00000014P",       // kind changed, check kept
      "LLP0000001I4",       // I, L, O, U are not in the alphabet
      "LLP0000001L4",
      "LLPO0000014P",
      "LLPU0000014P",
      "LLP-0000014P",
      "LLP 0000014P",
      " LLP00000014P",      // parse wants the exact text; the finder is for memos
      "LLP00000014P ",
      "LLP.0000.0014P",
      "LLP０００００014P",  // full-width digits
      "LLP0000001\u0131P",  // dotless i, which upper-cases to I
      "LLP0000001\u017f4",  // long s, which upper-cases to S
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
    assertThat(PaymentReference.parse("llh0015nm7a7"))
        .contains(PaymentReference.of(Kind.HOUSEHOLD, 1_234_567));
    assertThat(PaymentReference.parse("LlH0015nM7A7"))
        .contains(PaymentReference.of(Kind.HOUSEHOLD, 1_234_567));
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
