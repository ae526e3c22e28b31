package vn.lienlac.messaging.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeTemplatesTest {

  final NoticeTemplates templates = NoticeTemplates.BUNDLED;

  @Test
  void the_sign_in_code_reads_in_vietnamese_by_default() {
    assertThat(templates.render("otp", "vi", Map.of("code", "482913", "minutes", "5"))).isEqualTo(
        "Mã đăng nhập Liên Lạc của bạn là 482913. Mã có hiệu lực 5 phút. Không chia sẻ mã này cho bất kỳ ai.");
  }

  @Test
  void the_sign_in_code_reads_in_english_for_english_speakers() {
    assertThat(templates.render("otp", "en", Map.of("code", "482913", "minutes", "5"))).isEqualTo(
        "Your Liên Lạc sign-in code is 482913. It is valid for 5 minutes. Do not share this code with anyone.");
  }

  @Test
  void an_unknown_language_falls_back_to_vietnamese() {
    assertThat(templates.render("otp", "fr", Map.of("code", "1", "minutes", "5"))).startsWith("Mã đăng nhập");
  }

  @Test
  void payment_templates_exist_in_both_languages_with_the_same_variables() {
    for (String key : new String[] {"payment_received", "invoice_reminder"}) {
      assertThat(templates.keys()).contains(key);
      Map<String, String> params = new java.util.HashMap<>();
      templates.variables(key).forEach(v -> params.put(v, "<" + v + ">"));
      String vi = templates.render(key, "vi", params);
      String en = templates.render(key, "en", params);
      for (String v : templates.variables(key)) {
        assertThat(vi).contains("<" + v + ">");
        assertThat(en).contains("<" + v + ">");
      }
    }
    assertThat(templates.variables("payment_received")).contains("amount", "student", "reference");
    assertThat(templates.variables("invoice_reminder")).as("a reminder links to the payment page with the QR")
        .contains("reference", "payLink");
  }

  @Test
  void every_missing_variable_is_named() {
    assertThatThrownBy(() -> templates.render("otp", "vi", Map.of("minutes", "5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("notice template 'otp' needs variable code");
    assertThatThrownBy(() -> templates.render("otp", "en", Map.of("code", " ")))
        .hasMessage("notice template 'otp' needs variables code, minutes");
  }

  @Test
  void an_unknown_template_is_named() {
    assertThatThrownBy(() -> templates.render("welcome", "vi", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown notice template 'welcome'");
  }

  @Test
  void values_are_inserted_as_they_are_and_never_expanded() {
    NoticeTemplates t = new NoticeTemplates(Map.of("vi", Map.of("x", "a {one} b {two}")));
    assertThat(t.render("x", "vi", Map.of("one", "{two} $1 \\", "two", "2"))).isEqualTo("a {two} $1 \\ b 2");
  }

  @Test
  void sign_in_codes_are_urgent_and_fee_notices_are_not() {
    assertThat(templates.priority("otp")).isEqualTo("urgent");
    assertThat(templates.priority("invoice_reminder")).isEqualTo("normal");
  }
}
