package vn.lienlac.payment.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienlac.payment.reference.PaymentReference.Kind;

class ReferenceFinderTest {

  private static final PaymentReference INVOICE = PaymentReference.of(Kind.INVOICE, 1_234_567);
  private static final String REF = INVOICE.text(); // LLP0PSRN1NR9
  private static final PaymentReference HOUSEHOLD = PaymentReference.of(Kind.HOUSEHOLD, 42);
  private static final String HREF = HOUSEHOLD.text(); // LLHVNKCBDAP5

  /** Memos as banks deliver them (shapes from PAYMENTS.md), each carrying REF once, mangled. */
  static Stream<Arguments> mangledMemos() {
    String lower = REF.toLowerCase();
    return Stream.of(
        Arguments.of("as typed", REF),
        Arguments.of("lower-cased", lower),
        Arguments.of("dots inserted inside", "LLP.0PSR.N1N.R9"),
        Arguments.of("spaces and dashes inside, mixed case", "llp 0psr-n1n r9"),
        Arguments.of("a dot after every character", String.join(".", REF.split(""))),
        Arguments.of("prefixed by a bank code", "MBVCB.6998628625." + REF + ".CT tu 0071001104341"),
        Arguments.of("prefixed by a bank code, lower-cased",
            "MBVCB.6998628625." + lower + ".Cuu tro thiet hai bao Yagi"),
        Arguments.of("bank code appended after a space", REF + " FT24255276428461"),
        Arguments.of("all at once (the README's example)",
            "MBVCB.6998628625.llp.0psr.n1n.r9 FT24255276428461"),
        Arguments.of("bank code appended without separator", REF + "FT24255276428461"),
        Arguments.of("bank codes on both sides without separators",
            "MBVCB6998628625" + REF + "FT24255276428461"),
        Arguments.of("run together with date and time codes", "884114100924223854" + REF),
        Arguments.of("between date codes and a payer name",
            "884114.100924.223854." + REF + " DANG DAO THANH NHAN chuyen FT24255276428461"),
        Arguments.of("after a transfer code and a lower-cased memo",
            "FT24255999347270 807439.100924.223851." + lower + " ung ho mien bac"),
        Arguments.of("after a QR code",
            "QR VQR712a7d45ea " + REF + " Ma giao dich Trace756759 Trace 756759"),
        Arguments.of("glued to a QR code", "QR VQR712a7d45ea" + lower + "DU5gUz"),
        Arguments.of("after Vietnamese text", "Nguyễn Văn An nộp tiền ăn tháng 9 " + REF),
        Arguments.of("before Vietnamese text", REF + " Nguyễn Văn An nộp tiền ăn tháng 9"),
        Arguments.of("inside Vietnamese text, upper-cased with diacritics",
            "ĐÓNG TIỀN BÁN TRÚ " + REF + " CHO CHÁU TRẦN THỊ Ưng"),
        Arguments.of("Vietnamese text stripped by the bank, run together",
            "NGUYENVANANNOPTIENANTHANG9" + REF + "LOP3A"),
        Arguments.of("after a word ending in LL",
            "THANH TOAN BILL" + REF),
        Arguments.of("after a damaged copy of a prefix", "LLP LL " + REF),
        Arguments.of("split over lines", "Tien an\nLLP0PSR\nN1NR9\nthang 9"),
        Arguments.of("typed twice", REF + " " + lower),
        Arguments.of("in full-width characters", "ＬＬＰ０ＰＳＲＮ１ＮＲ９ tien an"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("mangledMemos")
  void a_mangled_memo_gives_its_reference_exactly_once(String how, String memo) {
    assertThat(ReferenceFinder.findAll(memo)).containsExactly(INVOICE);
  }

  @Test
  void a_household_reference_is_found_with_its_kind() {
    String memo = "MBVCB.6998628625." + HREF.toLowerCase() + ".hoc phi 3 chau";
    assertThat(ReferenceFinder.findAll(memo))
        .containsExactly(HOUSEHOLD);
  }

  @Test
  void a_memo_with_two_different_references_gives_both_in_order_of_appearance() {
    assertThat(ReferenceFinder.findAll("Nộp tiền " + HREF + " và " + REF + " FT24255276428461"))
        .containsExactly(HOUSEHOLD, INVOICE);
    assertThat(ReferenceFinder.findAll(REF + HREF)).containsExactly(INVOICE, HOUSEHOLD);
    PaymentReference other = PaymentReference.of(Kind.INVOICE, 1_234_568);
    assertThat(ReferenceFinder.findAll(other.text() + "." + REF)).containsExactly(other, INVOICE);
  }

  @Test
  void a_memo_cut_in_the_middle_of_the_reference_gives_none() {
    for (int length = 1; length < REF.length(); length++) {
      String cut = REF.substring(0, length);
      assertThat(ReferenceFinder.findAll("MBVCB.6998628625." + cut)).as(cut).isEmpty();
      assertThat(ReferenceFinder.findAll("Nguyen Van An nop tien an thang 9 " + cut.toLowerCase()))
          .as(cut).isEmpty();
      assertThat(ReferenceFinder.findAll(dotted(cut))).as(cut).isEmpty();
    }
  }

  @Test
  void a_cut_reference_before_a_whole_one_does_not_hide_or_replace_it() {
    IntStream.range(1, HREF.length()).forEach(length ->
        assertThat(ReferenceFinder.findAll(HREF.substring(0, length) + REF))
            .as(HREF.substring(0, length)).containsExactly(INVOICE));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "MBVCB.6998628625.Cuu tro thiet hai bao Yagi.CT tu 0071001104341 toi 0011001932418",
      "884114.100924.223854.DANG DAO THANH NHAN chuyen FT24255276428461",
      "FT24255999347270 807439.100924.223851.cua it long nhieu ung ho mien bac",
      "QR VQR712a7d45ea DU5gUz Ma giao dich Trace756759 Trace 756759",
      "Nguyễn Văn An nộp tiền ăn tháng 9",
      "THANH TOAN HOA DON BILL PAYMENT ALL HOUSE",
      "",
      "   ",
  })
  void memos_without_a_reference_give_none(String memo) {
    assertThat(ReferenceFinder.findAll(memo)).isEmpty();
  }

  @Test
  void a_missing_memo_gives_none() {
    assertThat(ReferenceFinder.findAll(null)).isEmpty();
  }

  @Test
  void a_reference_with_one_character_mistyped_is_not_found() {
    assertThat(ReferenceFinder.findAll("Tien an LLP0PSRN1NR8 thang 9")).isEmpty();
    assertThat(ReferenceFinder.findAll("Tien an LLP0PSNR1NR9 thang 9")).isEmpty();
    assertThat(ReferenceFinder.findAll("Tien an LLH0PSRN1NR9 thang 9")).isEmpty();
  }

  @Test
  void memo_text_is_folded_to_upper_case_ascii_letters_and_digits() {
    assertThat(MemoText.normalise("Nguyễn Văn An nộp tiền ăn tháng 9"))
        .isEqualTo("NGUYENVANANNOPTIENANTHANG9");
    assertThat(MemoText.normalise("Đỗ Thị Ðào, lớp 3/A - học phí đợt 1.")).isEqualTo(
        "DOTHIDAOLOP3AHOCPHIDOT1");
    assertThat(MemoText.normalise("ƯƠ ươ ừ ợ ữ ẫ")).isEqualTo("UOUOUOUA");
    assertThat(MemoText.normalise("MBVCB.6998628625.")).isEqualTo("MBVCB6998628625");
    assertThat(MemoText.normalise("１２３ＡＢＣ")).isEqualTo("123ABC");
  }

  private static String dotted(String text) {
    return String.join(".", text.split(""));
  }
}
