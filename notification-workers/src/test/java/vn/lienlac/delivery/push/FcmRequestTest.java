package vn.lienlac.delivery.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.channel.MessageContent;

/** The request and error shapes of FCM HTTP v1, field by field as PROVIDERS.md gives them. */
class FcmRequestTest {

  static final MessageContent IMPORTANT = new MessageContent(42, 7, "Họp phụ huynh", "Kính mời…", "important", "vi", "S01");

  @Test
  void the_body_has_one_token_target_a_notification_string_data_android_priority_and_apns_headers() {
    JsonObject body = FcmRequest.body("tok-1", IMPORTANT, "Kính mời quý phụ huynh.", 9);
    assertThat(body.getBoolean("validate_only")).isFalse();
    JsonObject message = body.getJsonObject("message");
    assertThat(message.fieldNames()).containsExactlyInAnyOrder("token", "notification", "data", "android", "apns");
    assertThat(message.getString("token")).isEqualTo("tok-1");
    assertThat(message.getJsonObject("notification").getMap())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("title", "Họp phụ huynh", "body", "Kính mời quý phụ huynh."));
    assertThat(message.getJsonObject("data").getMap().values()).allMatch(v -> v instanceof String);
    assertThat(message.getJsonObject("data").getString("messageId")).isEqualTo("42");
    JsonObject android = message.getJsonObject("android");
    assertThat(android.getString("priority")).isEqualTo("high");
    assertThat(android.getString("ttl")).matches("\\d+s");
    assertThat(android.getString("collapse_key")).isEqualTo("m42");
    JsonObject apns = message.getJsonObject("apns");
    assertThat(apns.getJsonObject("headers").getString("apns-priority")).isEqualTo("10");
    assertThat(apns.getJsonObject("headers").getString("apns-collapse-id")).isEqualTo("m42");
    assertThat(apns.getJsonObject("payload").getJsonObject("aps")).isNotNull();
  }

  @Test
  void a_normal_message_does_not_wake_the_phone() {
    var normal = new MessageContent(1, 2, null, "b", "normal", "vi", null);
    JsonObject message = FcmRequest.body("t", normal, "b", 1).getJsonObject("message");
    assertThat(message.getJsonObject("android").getString("priority")).isEqualTo("normal");
    assertThat(message.getJsonObject("apns").getJsonObject("headers").getString("apns-priority")).isEqualTo("5");
  }

  @Test
  void fcm_error_documents_are_read_into_what_delivery_does() {
    JsonObject unregistered = new JsonObject("""
        {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
         "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "UNREGISTERED"}]}}""");
    assertThat(FcmError.parse(404, unregistered).action()).isEqualTo(FcmError.Action.DROP_TOKEN);
    JsonObject badToken = new JsonObject("""
        {"error": {"code": 400, "message": "bad", "status": "INVALID_ARGUMENT",
         "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                      "fieldViolations": [{"field": "message.token", "description": "bad"}]}]}}""");
    assertThat(FcmError.parse(400, badToken).action()).isEqualTo(FcmError.Action.DROP_TOKEN);
    JsonObject badData = new JsonObject("""
        {"error": {"code": 400, "message": "data values must be strings", "status": "INVALID_ARGUMENT",
         "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                      "fieldViolations": [{"field": "message.data.x"}]}]}}""");
    assertThat(FcmError.parse(400, badData).action()).as("not the token's fault").isEqualTo(FcmError.Action.REFUSED);
    JsonObject quota = new JsonObject("""
        {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED",
         "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "QUOTA_EXCEEDED"}]}}""");
    assertThat(FcmError.parse(429, quota).action()).isEqualTo(FcmError.Action.RETRY);
    assertThat(FcmError.parse(503, null).action()).isEqualTo(FcmError.Action.RETRY);
    assertThat(FcmError.parse(401, new JsonObject().put("error", new JsonObject().put("status", "UNAUTHENTICATED")))
        .action()).isEqualTo(FcmError.Action.REFRESH_AUTH);
  }
}
