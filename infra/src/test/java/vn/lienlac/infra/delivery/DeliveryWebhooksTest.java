package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;
import vn.lienlac.delivery.twilio.TwilioSignature;
import vn.lienlac.delivery.zalo.ZaloWebhookSignature;
import vn.lienlac.delivery.zalo.ZnsChannel;
import vn.lienlac.infra.sandbox.SandboxAccounts;
import vn.lienlac.infra.sandbox.zalo.ZaloSandboxAccount;

/** The providers' webhooks served as the api role mounts them, called by the twins and by hand. */
class DeliveryWebhooksTest {

  static final String PHONE = "+84912345678";
  static final ZaloSandboxAccount ZALO = ZaloSandboxAccount.DEMO;
  ZaloFixture f;

  @BeforeEach
  void start() {
    f = new ZaloFixture("delivery_webhooks");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  int postZalo(JsonObject event, String signature) {
    var request = f.d.http.postAbs(f.publicUrl("/webhooks/zalo")).putHeader("Content-Type", "application/json");
    if (signature != null) {
      request.putHeader("X-ZEvent-Signature", signature);
    }
    return request.sendBuffer(Buffer.buffer(event.encode())).await().statusCode();
  }

  static String mac(JsonObject event) {
    return "mac=" + ZaloWebhookSignature.sign(ZALO.appId(), event.encode(), event.getString("timestamp"), ZALO.oaSecret());
  }

  static JsonObject text(String userId, String msgId, String text) {
    return new JsonObject().put("app_id", ZALO.appId()).put("event_name", "user_send_text")
        .put("timestamp", Long.toString(System.currentTimeMillis()))
        .put("sender", new JsonObject().put("id", userId)).put("recipient", new JsonObject().put("id", ZALO.oaId()))
        .put("message", new JsonObject().put("text", text).put("msg_id", msgId));
  }

  void guardian(long id, String phone) {
    f.d.execute("INSERT INTO directory.guardian (id, full_name, phone_e164, upstream_updated_at) VALUES ($1, 'Phụ huynh', $2, now())",
        id, phone);
  }

  @Test
  void a_guardian_following_the_oa_and_sharing_their_phone_is_linked_and_their_text_is_stored_once_under_replay() {
    guardian(501, PHONE);
    f.d.http.postAbs(f.d.sandbox.url() + "/sandbox/zalo/event")
        .sendJsonObject(new JsonObject().put("event", "follow").put("userId", "u-77").put("phone", "84912345678")).await();
    DeliveryFixture.awaitTrue("the follower linked", Duration.ofSeconds(10),
        () -> f.d.count("SELECT count(*) FROM delivery.zalo_follower WHERE guardian_id = 501 AND unfollowed_at IS NULL") == 1);

    JsonObject event = text("u-77", "m-1", "Cháu xin nghỉ học hôm nay");
    assertThat(postZalo(event, mac(event))).isEqualTo(200);
    assertThat(postZalo(event, mac(event))).isEqualTo(200);

    assertThat(f.d.count("SELECT count(*) FROM messaging.inbound_reply WHERE guardian_id = 501 AND channel = 'zalo'"
        + " AND text = 'Cháu xin nghỉ học hôm nay' AND handled_at IS NULL")).isEqualTo(1);
  }

  @Test
  void zalo_webhooks_unsigned_wrongly_signed_or_outside_the_window_get_403_and_change_nothing() {
    guardian(502, PHONE);
    f.d.execute("INSERT INTO delivery.zalo_follower (oa_id, zalo_user_id, guardian_id, followed_at) VALUES ($1, 'u-8', 502, now())",
        ZALO.oaId());
    JsonObject event = text("u-8", "m-2", "xin chào");
    JsonObject old = text("u-8", "m-3", "cũ").put("timestamp", Long.toString(System.currentTimeMillis() - 2 * 3_600_000));

    assertThat(postZalo(event, null)).isEqualTo(403);
    assertThat(postZalo(event, "mac=" + "0".repeat(64))).isEqualTo(403);
    assertThat(postZalo(event.copy().put("message", new JsonObject().put("text", "sửa").put("msg_id", "m-2")), mac(event)))
        .isEqualTo(403);
    assertThat(postZalo(old, mac(old))).isEqualTo(403);

    assertThat(f.d.count("SELECT count(*) FROM messaging.inbound_reply")).isZero();
    assertThat(f.d.count("SELECT count(*) FROM delivery.webhook_seen")).isZero();
    // The signature without its optional mac= prefix is accepted.
    assertThat(postZalo(event, mac(event).substring(4))).isEqualTo(200);
    assertThat(f.d.count("SELECT count(*) FROM messaging.inbound_reply")).isEqualTo(1);
  }

  @Test
  void the_zns_delivery_webhook_from_the_twin_marks_the_attempt_delivered() {
    f.otpTemplate();
    f.control(new JsonObject().put("nightTime", "day"));
    long attempt = f.attempt("zns", PHONE);
    ZnsChannel zns = new ZnsChannel(f.d.pool, WebClient.create(f.d.vertx), f.tokens(), f.oa, 300, ZaloFixture.DAYTIME);
    SendResult result = zns.send(new Outbound(attempt, PHONE, "x")).await();
    String msgId = ((SendResult.Accepted) result).providerMessageId();
    // What the worker records for an accepted send.
    f.d.execute("UPDATE delivery.attempt SET state = 'accepted', provider = 'zalo_zns', provider_message_id = $2 WHERE id = $1",
        attempt, msgId);

    DeliveryFixture.awaitTrue("the ZNS receipt", Duration.ofSeconds(10),
        () -> "delivered".equals(f.attemptRow(attempt).getString("state")));
    assertThat(f.attemptRow(attempt).getString("delivered_at")).isNotNull();
  }

  @Test
  void oa_received_and_seen_webhooks_mark_the_attempt_delivered_then_read() {
    f.control(new JsonObject().put("follower", "u-9"));
    f.d.execute("INSERT INTO delivery.zalo_follower (oa_id, zalo_user_id, phone_e164, followed_at) VALUES ($1, 'u-9', $2, now())",
        ZALO.oaId(), PHONE);
    long attempt = f.attempt("zalo_oa", PHONE);
    f.d.execute("UPDATE delivery.attempt SET state = 'sending', provider = 'zalo_oa', lease_until = now() + interval '1 minute' WHERE id = $1", attempt);
    var oa = new vn.lienlac.delivery.zalo.ZaloOaChannel(f.d.pool, WebClient.create(f.d.vertx), f.tokens(), f.oa);
    String msgId = ((SendResult.Accepted) oa.send(new Outbound(attempt, PHONE, "Thông báo")).await()).providerMessageId();
    f.d.execute("UPDATE delivery.attempt SET state = 'accepted', provider_message_id = $2, lease_until = NULL WHERE id = $1",
        attempt, msgId);

    DeliveryFixture.awaitTrue("the OA read receipt", Duration.ofSeconds(10),
        () -> f.attemptRow(attempt).getString("read_at") != null);
    assertThat(f.attemptRow(attempt).getString("state")).isEqualTo("delivered");
  }

  int postTwilio(Map<String, String> params, String signature) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    params.forEach(form::add);
    var request = f.d.http.postAbs(f.publicUrl("/webhooks/twilio/status"));
    if (signature != null) {
      request.putHeader("X-Twilio-Signature", signature);
    }
    return request.sendForm(form).await().statusCode();
  }

  long twilioAttempt(String sid) {
    long attempt = f.attempt("sms", "+84900000001");
    f.d.execute("UPDATE delivery.attempt SET state = 'accepted', provider = 'twilio', provider_message_id = $2 WHERE id = $1",
        attempt, sid);
    return attempt;
  }

  @Test
  void twilio_status_callbacks_are_checked_against_the_public_url_and_applied_once() {
    long delivered = twilioAttempt("SM1");
    long undelivered = twilioAttempt("SM2");
    String url = f.publicUrl("/webhooks/twilio/status");
    String token = SandboxAccounts.DEMO.twilioAuthToken();
    Map<String, String> ok = new LinkedHashMap<>(Map.of("MessageSid", "SM1", "MessageStatus", "delivered",
        "AccountSid", SandboxAccounts.DEMO.twilioAccountSid()));
    Map<String, String> failed = new LinkedHashMap<>(Map.of("MessageSid", "SM2", "MessageStatus", "undelivered",
        "ErrorCode", "30003"));
    Map<String, String> strange = Map.of("MessageSid", "SM1", "MessageStatus", "read_by_carrier_pigeon");

    assertThat(postTwilio(ok, null)).isEqualTo(403);
    assertThat(postTwilio(ok, TwilioSignature.sign(url, ok, "wrong-token"))).isEqualTo(403);
    assertThat(postTwilio(ok, TwilioSignature.sign(url + "?x=1", ok, token))).isEqualTo(403);
    assertThat(f.attemptRow(delivered).getString("state")).isEqualTo("accepted");

    assertThat(postTwilio(ok, TwilioSignature.sign(url, ok, token))).isEqualTo(200);
    assertThat(postTwilio(ok, TwilioSignature.sign(url, ok, token))).isEqualTo(200);
    assertThat(postTwilio(failed, TwilioSignature.sign(url, failed, token))).isEqualTo(200);
    assertThat(postTwilio(strange, TwilioSignature.sign(url, strange, token))).isEqualTo(200);

    assertThat(f.attemptRow(delivered).getString("state")).isEqualTo("delivered");
    assertThat(f.attemptRow(undelivered).getString("state")).isEqualTo("failed");
    assertThat(f.attemptRow(undelivered).getString("last_error")).contains("undelivered").contains("30003");
    assertThat(f.d.count("SELECT count(*) FROM delivery.webhook_seen WHERE provider = 'twilio'")).isEqualTo(2);
  }

  @Test
  void the_twilio_twin_posts_signed_status_callbacks_that_mark_the_delivery_delivered() {
    var worker = f.d.worker(f.d.vertx, f.config, DeliveryFixture.FAST);
    f.d.deploy(worker);
    long notice = f.d.otp("+84911111111", "123456");

    f.d.awaitAttempt(notice, "delivered");
  }

  @Test
  void esms_callbacks_need_the_shared_secret_and_are_read_through_the_configured_mapping() {
    long attempt = f.attempt("sms", "+84900000002");
    f.d.execute("UPDATE delivery.attempt SET state = 'accepted', provider = 'esms', provider_message_id = 'E-1' WHERE id = $1", attempt);
    String base = f.publicUrl("/webhooks/esms");

    int noSecret = f.d.http.getAbs(base + "?SMSID=E-1&SendStatus=5").send().await().statusCode();
    int wrong = f.d.http.getAbs(base + "?secret=nope&SMSID=E-1&SendStatus=5").send().await().statusCode();
    assertThat(f.attemptRow(attempt).getString("state")).isEqualTo("accepted");
    int right = f.d.http.postAbs(base + "?secret=esms-callback-secret")
        .sendJsonObject(new JsonObject().put("SMSID", "E-1").put("SendStatus", 5)).await().statusCode();

    assertThat(noSecret).isEqualTo(403);
    assertThat(wrong).isEqualTo(403);
    assertThat(right).isEqualTo(200);
    assertThat(f.attemptRow(attempt).getString("state")).isEqualTo("delivered");
  }

  @Test
  void unfollow_marks_the_follower_gone() {
    f.d.execute("INSERT INTO delivery.zalo_follower (oa_id, zalo_user_id, followed_at) VALUES ($1, 'u-5', now())", ZALO.oaId());
    JsonObject event = new JsonObject().put("app_id", ZALO.appId()).put("oa_id", ZALO.oaId()).put("event_name", "unfollow")
        .put("timestamp", Long.toString(System.currentTimeMillis())).put("follower", new JsonObject().put("id", "u-5"));

    assertThat(postZalo(event, mac(event))).isEqualTo(200);

    assertThat(f.d.count("SELECT count(*) FROM delivery.zalo_follower WHERE unfollowed_at IS NOT NULL")).isEqualTo(1);
  }

}
