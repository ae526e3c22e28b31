package vn.lienlac.delivery.esms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;
import vn.lienlac.delivery.sms.SmsText;

/** The request and the reading of replies, field by field against PROVIDERS.md and eSMS's error table. */
class EsmsChannelTest {

  static final EsmsAccount ACCOUNT = new EsmsAccount("https://rest.esms.vn", "KEY", "SECRET", "TRUONG", null);
  static final SmsText SMS = SmsText.of("Mã đăng nhập 123456", true, 800);

  @Test
  void the_request_carries_every_documented_field_with_our_attempt_id_as_request_id() {
    JsonObject body = EsmsChannel.request(ACCOUNT, new Outbound(4711, "+84912345678", "ignored"), SMS);

    assertThat(body.fieldNames()).containsExactlyInAnyOrder("ApiKey", "SecretKey", "Phone", "Content", "Brandname",
        "SmsType", "IsUnicode", "Sandbox", "RequestId");
    assertThat(body.getString("ApiKey")).isEqualTo("KEY");
    assertThat(body.getString("SecretKey")).isEqualTo("SECRET");
    assertThat(body.getString("Phone")).isEqualTo("0912345678");
    assertThat(body.getString("Content")).isEqualTo("Ma dang nhap 123456");
    assertThat(body.getString("Brandname")).isEqualTo("TRUONG");
    assertThat(body.getString("SmsType")).isEqualTo("2");
    assertThat(body.getString("IsUnicode")).isEqualTo("0");
    assertThat(body.getString("Sandbox")).isEqualTo("0");
    assertThat(body.getString("RequestId")).isEqualTo("4711");
    assertThat(EsmsChannel.SEND_PATH).isEqualTo("/MainService.svc/json/SendMultipleMessage_V4_post_json/");
  }

  @Test
  void text_with_diacritics_is_flagged_unicode_and_a_callback_url_is_passed_when_configured() {
    EsmsAccount withCallback = new EsmsAccount("https://rest.esms.vn", "K", "S", "B", "https://lienlac.example/webhooks/esms");
    JsonObject body = EsmsChannel.request(withCallback, new Outbound(1, "+84912345678", ""),
        SmsText.of("Mã đăng nhập", false, 800));

    assertThat(body.getString("IsUnicode")).isEqualTo("1");
    assertThat(body.getString("Content")).isEqualTo("Mã đăng nhập");
    assertThat(body.getString("CallbackUrl")).isEqualTo("https://lienlac.example/webhooks/esms");
  }

  @Test
  void code_100_is_accepted_with_the_smsid_and_124_means_an_earlier_send_was_accepted() {
    assertThat(classify(200, null, "{\"CodeResult\":\"100\",\"SMSID\":\"abc-1\"}"))
        .isEqualTo(new SendResult.Accepted("abc-1", 1, 800));
    assertThat(classify(200, null, "{\"CodeResult\":\"124\",\"ErrorMessage\":\"Duplicate RequestId\"}"))
        .isEqualTo(new SendResult.Accepted(null, 1, 800));
  }

  @Test
  void other_codes_refuse_the_message_naming_code_and_message() {
    assertThat(classify(200, null, "{\"CodeResult\":\"108\",\"ErrorMessage\":\"Phone number is not in correct format\"}"))
        .isEqualTo(new SendResult.Permanent("eSMS CodeResult 108: Phone number is not in correct format"));
    assertThat(classify(200, null, "{\"CodeResult\":99}"))
        .isEqualTo(new SendResult.Permanent("eSMS CodeResult 99: no message"));
  }

  @Test
  void throttling_and_server_errors_are_transient_and_honour_retry_after() {
    assertThat(classify(429, "7", "")).isEqualTo(new SendResult.Transient("eSMS rate limit (HTTP 429)", Duration.ofSeconds(7), false));
    assertThat(classify(503, null, "")).isEqualTo(new SendResult.Transient("eSMS HTTP 503", null, false));
    assertThat(classify(500, null, "")).isEqualTo(new SendResult.Transient("eSMS HTTP 500", null, true));
    assertThat(classify(200, null, "<html>")).isInstanceOf(SendResult.Transient.class);
    assertThat(classify(404, null, "")).isInstanceOf(SendResult.Permanent.class);
  }

  private static SendResult classify(int status, String retryAfter, String body) {
    return EsmsChannel.classify(status, retryAfter, Buffer.buffer(body), SMS);
  }
}
