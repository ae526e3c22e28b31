package vn.lienlac.delivery.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;
import vn.lienlac.delivery.sms.SmsText;

/** The form and the reading of replies, field by field against PROVIDERS.md. */
class TwilioSmsChannelTest {

  static final TwilioAccount ACCOUNT = new TwilioAccount("https://api.twilio.com", "AC123", "token", "+15005550006", null);
  static final SmsText SMS = SmsText.of("Ma dang nhap 123456", true, 800);

  @Test
  void the_form_has_to_from_and_body_and_the_path_names_the_account() {
    MultiMap form = TwilioSmsChannel.form(ACCOUNT, new Outbound(1, "+84912345678", "ignored"), SMS);

    assertThat(form.names()).containsExactlyInAnyOrder("To", "From", "Body");
    assertThat(form.get("To")).isEqualTo("+84912345678");
    assertThat(form.get("From")).isEqualTo("+15005550006");
    assertThat(form.get("Body")).isEqualTo("Ma dang nhap 123456");
    assertThat(TwilioSmsChannel.messagesPath("AC123")).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
  }

  @Test
  void a_messaging_service_sender_and_a_status_callback_go_in_their_own_fields() {
    TwilioAccount service = new TwilioAccount("https://api.twilio.com", "AC1", "t", "MG0123", "https://x.example/webhooks/twilio/status");
    MultiMap form = TwilioSmsChannel.form(service, new Outbound(1, "+84912345678", ""), SMS);

    assertThat(form.get("MessagingServiceSid")).isEqualTo("MG0123");
    assertThat(form.contains("From")).isFalse();
    assertThat(form.get("StatusCallback")).isEqualTo("https://x.example/webhooks/twilio/status");
  }

  @Test
  void a_created_message_is_accepted_with_its_sid_and_twilios_segment_count() {
    SendResult r = classify(201, null,
        "{\"sid\":\"SM0a\",\"status\":\"queued\",\"num_segments\":\"2\",\"price\":null,\"error_code\":null}");
    assertThat(r).isEqualTo(new SendResult.Accepted("SM0a", 2, 1_600));
  }

  @Test
  void error_documents_are_permanent_with_code_and_message() {
    assertThat(classify(400, null, "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\",\"more_info\":\"x\",\"status\":400}"))
        .isEqualTo(new SendResult.Permanent("Twilio error 21211: Invalid 'To' Phone Number"));
    assertThat(classify(401, null, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}"))
        .isEqualTo(new SendResult.Permanent("Twilio refused our credentials (HTTP 401, code 20003)"));
    assertThat(classify(201, null, "{\"sid\":\"SM1\",\"status\":\"failed\",\"error_code\":30007,\"error_message\":\"Filtered\"}"))
        .isEqualTo(new SendResult.Permanent("Twilio status failed 30007: Filtered"));
  }

  @Test
  void a_429_or_503_may_be_sent_again_but_a_500_may_already_have_created_the_message() {
    assertThat(classify(429, "3", "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"))
        .isEqualTo(new SendResult.Transient("Twilio rate limit (HTTP 429, code 20429)", Duration.ofSeconds(3), false));
    assertThat(classify(503, null, "")).isEqualTo(new SendResult.Transient("Twilio HTTP 503", null, false));
    assertThat(((SendResult.Transient) classify(500, null, "")).maybeSent()).isTrue();
  }

  private static SendResult classify(int status, String retryAfter, String body) {
    return TwilioSmsChannel.classify(status, retryAfter, Buffer.buffer(body), SMS);
  }
}
