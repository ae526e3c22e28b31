package vn.lienlac.messaging.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTextsTest {

  private static final TemplateTexts FEE = new TemplateTexts("Học phí {{class.name}}",
      "Kính gửi {{guardian.name}}, học phí của em {{student.name}} là {{amount}}, hạn {{date}}.",
      "Fees {{class.name}}", "Dear {{guardian.name}}, the fee for {{student.name}} is {{amount}}, due {{date}}.");
  private static final RecipientContext AN = new RecipientContext(List.of("Nguyễn Minh An"), List.of("6A1"),
      "THCS Nguyễn Du", "Nguyễn Văn Phụ");

  @Test
  void a_vietnamese_guardian_reads_the_vietnamese_text_with_amount_and_date_in_vietnamese_form() throws Exception {
    var r = FEE.render("vi", AN, Map.of("amount", 1_500_000L, "date", "2026-12-01"));
    assertThat(r.language()).isEqualTo("vi");
    assertThat(r.title()).isEqualTo("Học phí 6A1");
    assertThat(r.body()).isEqualTo("Kính gửi Nguyễn Văn Phụ, học phí của em Nguyễn Minh An là 1.500.000 đ, hạn 01/12/2026.");
  }

  @Test
  void an_english_guardian_reads_the_english_text_with_amount_and_date_in_english_form() throws Exception {
    var r = FEE.render("en", AN, Map.of("amount", 1_500_000, "date", "2026-12-01"));
    assertThat(r.language()).isEqualTo("en");
    assertThat(r.title()).isEqualTo("Fees 6A1");
    assertThat(r.body()).isEqualTo("Dear Nguyễn Văn Phụ, the fee for Nguyễn Minh An is 1,500,000 VND, due 1 Dec 2026.");
  }

  @Test
  void an_english_guardian_reads_vietnamese_when_the_english_text_is_empty() throws Exception {
    var t = new TemplateTexts(null, "Chào {{guardian.name}}", null, " ");
    var r = t.render("en", AN, Map.of());
    assertThat(r.language()).isEqualTo("vi");
    assertThat(r.title()).isNull();
    assertThat(r.body()).isEqualTo("Chào Nguyễn Văn Phụ");
  }

  @Test
  void siblings_are_named_together_and_their_classes_once_each() throws Exception {
    var both = new RecipientContext(List.of("An", "Bình"), List.of("6A1", "6A2", "6A1"), "S", "Phụ");
    assertThat(new TemplateTexts(null, "{{student.name}} ({{class.name}})", null, null).render("vi", both, Map.of()).body())
        .isEqualTo("An, Bình (6A1, 6A2)");
  }

  @Test
  void a_missing_variable_is_an_error_naming_it() {
    assertThatThrownBy(() -> FEE.render("vi", AN, Map.of("date", "2026-12-01")))
        .isInstanceOfSatisfying(TemplateProblem.class, p -> {
          assertThat(p.kind()).isEqualTo(TemplateProblem.Kind.MISSING_VARIABLE);
          assertThat(p.detail()).isEqualTo("amount");
          assertThat(p.getMessage()).contains("{{amount}}");
        });
  }

  @Test
  void an_unknown_variable_is_an_error_naming_it() {
    assertThatThrownBy(() -> TemplateText.variables("Xin chào {{ parent.phone }}"))
        .isInstanceOfSatisfying(TemplateProblem.class, p -> {
          assertThat(p.kind()).isEqualTo(TemplateProblem.Kind.UNKNOWN_VARIABLE);
          assertThat(p.detail()).isEqualTo("parent.phone");
        });
  }

  @Test
  void an_unclosed_placeholder_is_an_error() {
    assertThatThrownBy(() -> TemplateText.variables("Học phí {{amount"))
        .isInstanceOfSatisfying(TemplateProblem.class,
            p -> assertThat(p.kind()).isEqualTo(TemplateProblem.Kind.UNCLOSED_PLACEHOLDER));
  }

  @Test
  void escaped_braces_stay_as_written_and_are_not_variables() throws Exception {
    assertThat(TemplateText.variables("Viết \\{{student.name}} để chèn tên")).isEmpty();
    assertThat(TemplateText.render("Viết \\{{student.name}} cho {{amount}}", Map.of("amount", "5")))
        .isEqualTo("Viết {{student.name}} cho 5");
  }

  @Test
  void values_containing_braces_are_inserted_verbatim_and_never_expanded() throws Exception {
    var sly = new RecipientContext(List.of("{{guardian.name}}"), List.of(), null, "Secret");
    assertThat(new TemplateTexts(null, "Em {{student.name}}", null, null).render("vi", sly, Map.of()).body())
        .isEqualTo("Em {{guardian.name}}");
  }

  @Test
  void variables_are_listed_in_order_of_first_use_across_both_languages() throws Exception {
    assertThat(FEE.variables()).containsExactly("class.name", "guardian.name", "student.name", "amount", "date");
  }

  @Test
  void a_sender_cannot_give_per_recipient_values_or_values_that_do_not_fit() {
    assertThatThrownBy(() -> TemplateTexts.checkSenderValues(Map.of("student.name", "X")))
        .isInstanceOfSatisfying(TemplateProblem.class, p -> assertThat(p.detail()).isEqualTo("student.name"));
    assertThatThrownBy(() -> TemplateTexts.checkSenderValues(Map.of("amount", 1.5)))
        .isInstanceOfSatisfying(TemplateProblem.class, p -> assertThat(p.kind()).isEqualTo(TemplateProblem.Kind.INVALID_VALUE));
    assertThatThrownBy(() -> TemplateTexts.checkSenderValues(Map.of("date", "1/12/2026")))
        .isInstanceOfSatisfying(TemplateProblem.class, p -> assertThat(p.detail()).isEqualTo("date"));
  }

  @Test
  void a_snapshot_for_sending_needs_every_sender_variable_the_texts_use() throws Exception {
    assertThatThrownBy(() -> SchoolTemplates.snapshot("hoc-phi", FEE, Map.of("amount", 100)))
        .isInstanceOfSatisfying(TemplateProblem.class, p -> assertThat(p.detail()).isEqualTo("date"));
    var s = SchoolTemplates.snapshot("hoc-phi", FEE, Map.of("amount", 100, "date", "2026-12-01"));
    assertThat(s.senderValues()).containsEntry("amount", 100);
  }
}
