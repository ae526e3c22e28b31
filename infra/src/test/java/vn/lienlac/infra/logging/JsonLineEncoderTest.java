package vn.lienlac.infra.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineEncoderTest {

  @Test
  void a_log_line_is_one_json_object_with_the_request_id_and_phones_masked() {
    LoggerContext context = new LoggerContext();
    LoggingEvent event = new LoggingEvent("x", context.getLogger("vn.lienlac.test"), Level.INFO,
        "OTP gửi tới {} (lần {})", null, new Object[] {"+84912345678", 2});
    event.setMDCPropertyMap(Map.of("request_id", "req-12345678"));

    String line = new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith("\n").doesNotContain("912345678");
    JsonObject json = new JsonObject(line);
    assertThat(json.getString("msg")).isEqualTo("OTP gửi tới 84*******78 (lần 2)");
    assertThat(json.getString("level")).isEqualTo("INFO");
    assertThat(json.getString("logger")).isEqualTo("vn.lienlac.test");
    assertThat(json.getString("request_id")).isEqualTo("req-12345678");
    assertThat(json.getString("ts")).isNotBlank();
  }
}
