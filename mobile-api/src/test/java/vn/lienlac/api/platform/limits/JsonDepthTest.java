package vn.lienlac.api.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class JsonDepthTest {

  private static boolean deeperThan(String json, int max) {
    return JsonDepth.deeperThan(Buffer.buffer(json), max);
  }

  @Test
  void depth_counts_objects_and_arrays_alike() {
    assertThat(deeperThan("{\"a\":[{\"b\":[]}]}", 4)).isFalse();
    assertThat(deeperThan("{\"a\":[{\"b\":[[]]}]}", 4)).isTrue();
  }

  @Test
  void siblings_do_not_add_up() {
    assertThat(deeperThan("[[1],[2],[3],{\"x\":1}]", 2)).isFalse();
  }

  @Test
  void brackets_in_strings_and_escaped_quotes_are_text() {
    assertThat(deeperThan("{\"a\":\"[[[[{{{{\"}", 1)).isFalse();
    assertThat(deeperThan("{\"a\":\"\\\"[[[[\\\\\"}", 1)).isFalse();
    assertThat(deeperThan("{\"a\":\"\\\\\",\"b\":[[]]}", 2)).isTrue();
  }

  @Test
  void scalars_and_empty_bodies_have_no_depth() {
    assertThat(deeperThan("", 0)).isFalse();
    assertThat(deeperThan("42", 0)).isFalse();
  }
}
