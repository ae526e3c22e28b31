package vn.lienlac.messaging.directory.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void clean_text_comes_back_unchanged() {
    assertThat(Text.clean("Nguyễn Văn An")).isEqualTo("Nguyễn Văn An");
  }

  @Test
  void spaces_are_trimmed_and_collapsed_and_blank_becomes_null() {
    assertThat(Text.clean("  Nguyễn   Văn\tAn ")).isEqualTo("Nguyễn Văn An");
    assertThat(Text.clean(" \t ")).isNull();
    assertThat(Text.clean("")).isNull();
  }

  @Test
  void decomposed_vietnamese_is_recomposed_so_equal_names_compare_equal() {
    String decomposed = Normalizer.normalize("Nguyễn Thị Ánh", Normalizer.Form.NFD);
    assertThat(decomposed).isNotEqualTo("Nguyễn Thị Ánh");
    assertThat(Text.clean(decomposed)).isEqualTo("Nguyễn Thị Ánh");
  }

  @Test
  void codes_are_folded_to_lower_case_ascii_with_underscores() {
    assertThat(Text.code("Đang học")).isEqualTo("dang_hoc");
    assertThat(Text.code("DANG_HOC")).isEqualTo("dang_hoc");
    assertThat(Text.code("chuyển-trường")).isEqualTo("chuyen_truong");
    assertThat(Text.code("Đang học")).as("cached answer is the same").isEqualTo("dang_hoc");
    assertThat(Text.code("  ")).isNull();
  }
}
