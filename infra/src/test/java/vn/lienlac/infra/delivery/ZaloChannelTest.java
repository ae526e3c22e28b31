package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.channel.Outbound;
import vn.lienlac.delivery.channel.SendResult;
import vn.lienlac.delivery.zalo.ZaloOaChannel;
import vn.lienlac.delivery.zalo.ZnsChannel;

/** ZNS and OA messages against the Zalo twin on loopback, with real PostgreSQL and Redis. */
class ZaloChannelTest {

  static final String PHONE = "+84912345678";
  ZaloFixture f;

  @BeforeEach
  void start() {
    f = new ZaloFixture("zalo_channel");
    f.otpTemplate();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  ZnsChannel zns(java.time.Clock clock) {
    return new ZnsChannel(f.d.pool, WebClient.create(f.d.vertx), f.tokens(), f.oa, 300, clock);
  }

  ZaloOaChannel oaChannel() {
    return new ZaloOaChannel(f.d.pool, WebClient.create(f.d.vertx), f.tokens(), f.oa);
  }

  SendResult sendZns(long attempt) {
    return zns(ZaloFixture.DAYTIME).send(new Outbound(attempt, PHONE, "ignored by ZNS")).await();
  }

  @Test
  void a_zns_request_carries_exactly_the_documented_fields_with_the_phone_as_84_and_our_attempt_as_tracking_id() {
    f.control(new JsonObject().put("nightTime", "day"));
    long attempt = f.attempt("zns", PHONE);

    SendResult result = sendZns(attempt);

    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    JsonObject sent = f.twin.lastZnsRequest();
    assertThat(sent.fieldNames()).isEqualTo(Set.of("phone", "template_id", "template_data", "tracking_id"));
    assertThat(sent.getString("phone")).isEqualTo("84912345678");
    assertThat(sent.getString("template_id")).isEqualTo("231677");
    assertThat(sent.getJsonObject("template_data")).isEqualTo(new JsonObject().put("otp", "482913").put("minutes", "5"));
    assertThat(sent.getString("tracking_id")).isEqualTo(Long.toString(attempt));
    assertThat(((SendResult.Accepted) result).providerMessageId()).isEqualTo(f.d.outbox(PHONE).get(0).id());
    assertThat(((SendResult.Accepted) result).costVnd()).isEqualTo(300);
  }

  @Test
  void with_appsecret_proof_enabled_each_call_carries_the_hmac_of_its_access_token() {
    f.control(new JsonObject().put("nightTime", "day"));
    var oa = f.oa;
    var proving = new vn.lienlac.delivery.zalo.ZaloOaAccount(oa.oaId(), oa.appId(), oa.appSecret(), oa.openApiBase(),
        oa.znsBase(), oa.oauthBase(), true, oa.refreshAhead(), oa.requestTimeout());
    var tokens = f.tokens();
    ZnsChannel channel = new ZnsChannel(f.d.pool, WebClient.create(f.d.vertx), tokens, proving, 300, ZaloFixture.DAYTIME);

    assertThat(channel.send(new Outbound(f.attempt("zns", PHONE), PHONE, "x")).await()).isInstanceOf(SendResult.Accepted.class);

    String token = tokens.accessToken(proving).await();
    assertThat(f.twin.lastAppSecretProof()).isEqualTo(hmacSha256Hex(oa.appSecret(), token));
  }

  static String hmacSha256Hex(String key, String message) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void zns_error_codes_are_classified_invalid_number_no_zalo_and_unapproved_templates_permanent_quota_retried() {
    f.control(new JsonObject().put("nightTime", "day"));
    f.d.control(new JsonObject().put("provider", "zalo_zns")
        .put("failNext", new JsonArray().add("-108").add("-118").add("-115").add("-144").add("-131")));

    SendResult invalid = sendZns(f.attempt("zns", PHONE));
    SendResult noZalo = sendZns(f.attempt("zns", PHONE));
    SendResult quota = sendZns(f.attempt("zns", PHONE));
    SendResult dailyQuota = sendZns(f.attempt("zns", PHONE));
    SendResult unapproved = sendZns(f.attempt("zns", PHONE));

    assertThat(((SendResult.Permanent) invalid).reason()).startsWith("invalid number");
    assertThat(((SendResult.Permanent) noZalo).reason()).startsWith("no Zalo");
    assertThat(((SendResult.Transient) quota).retryAfter()).isPositive();
    assertThat(((SendResult.Transient) quota).maybeSent()).isFalse();
    assertThat(dailyQuota).isInstanceOf(SendResult.Transient.class);
    assertThat(((SendResult.Permanent) unapproved).reason()).contains("template not approved");
    assertThat(f.d.outbox(PHONE)).isEmpty();
  }

  @Test
  void a_refused_access_token_is_refreshed_once_and_the_message_sent_with_the_new_one() {
    f.control(new JsonObject().put("nightTime", "day"));
    assertThat(sendZns(f.attempt("zns", PHONE))).isInstanceOf(SendResult.Accepted.class);
    long refreshes = f.twin.refreshes();
    f.control(new JsonObject().put("revokeAccessTokens", true));

    SendResult result = sendZns(f.attempt("zns", PHONE));

    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    assertThat(f.twin.refreshes()).isEqualTo(refreshes + 1);
    assertThat(f.twin.reusedRefreshTokens()).isZero();
    assertThat(f.d.outbox(PHONE)).hasSize(2);
  }

  @Test
  void at_night_zns_is_not_called_and_the_attempt_waits_for_six_in_the_morning_vietnam_time() {
    SendResult result = zns(ZaloFixture.NIGHT).send(new Outbound(f.attempt("zns", PHONE), PHONE, "x")).await();

    SendResult.Transient waiting = (SendResult.Transient) result;
    assertThat(waiting.maybeSent()).isFalse();
    // 23:30 → 06:00 is 6 h 30 min, plus up to 10 minutes of jitter.
    assertThat(waiting.retryAfter()).isBetween(Duration.ofMinutes(390), Duration.ofMinutes(400));
    assertThat(f.twin.lastZnsRequest()).isNull();
  }

  @Test
  void a_night_time_block_from_zalo_reschedules_instead_of_failing() {
    f.control(new JsonObject().put("nightTime", "night"));

    SendResult result = sendZns(f.attempt("zns", PHONE));

    assertThat(result).isInstanceOf(SendResult.Transient.class);
    assertThat(((SendResult.Transient) result).retryAfter()).isPositive();
    assertThat(((SendResult.Transient) result).reason()).contains("-133");
  }

  @Test
  void zns_attempts_due_at_night_are_scheduled_for_six_oclock_by_the_database_and_others_are_left_alone() {
    long night = f.attempt("zns", PHONE);
    long early = f.attempt("zns", PHONE);
    long day = f.attempt("zns", PHONE);
    long sms = f.attempt("sms", PHONE);
    f.d.execute("UPDATE delivery.attempt SET next_attempt_at = $2 WHERE id = $1", night, at("2026-11-22T23:30:00+07:00"));
    f.d.execute("UPDATE delivery.attempt SET next_attempt_at = $2 WHERE id = $1", early, at("2026-11-23T05:00:00+07:00"));
    f.d.execute("UPDATE delivery.attempt SET next_attempt_at = $2 WHERE id = $1", day, at("2026-11-23T10:00:00+07:00"));
    f.d.execute("UPDATE delivery.attempt SET next_attempt_at = $2 WHERE id = $1", sms, at("2026-11-22T23:30:00+07:00"));

    assertThat(localDue(night)).isBetween("2026-11-23 06:00", "2026-11-23 06:10");
    assertThat(localDue(early)).isBetween("2026-11-23 06:00", "2026-11-23 06:10");
    assertThat(localDue(day)).isEqualTo("2026-11-23 10:00");
    assertThat(localDue(sms)).isEqualTo("2026-11-22 23:30");
  }

  static java.time.OffsetDateTime at(String time) {
    return java.time.OffsetDateTime.parse(time);
  }

  String localDue(long attempt) {
    return f.d.pool.preparedQuery("SELECT to_char(next_attempt_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI')"
        + " FROM delivery.attempt WHERE id = $1").execute(io.vertx.sqlclient.Tuple.of(attempt)).await().iterator().next().getString(0);
  }

  @Test
  void an_oa_message_goes_to_the_follower_linked_to_the_phone_with_the_documented_request_shape() {
    follower("u-1001", PHONE);

    SendResult result = oaChannel().send(new Outbound(f.attempt("zalo_oa", PHONE), PHONE, "Họp phụ huynh lúc 8 giờ")).await();

    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    JsonObject sent = f.twin.lastOaRequest();
    assertThat(sent).isEqualTo(new JsonObject().put("recipient", new JsonObject().put("user_id", "u-1001"))
        .put("message", new JsonObject().put("text", "Họp phụ huynh lúc 8 giờ")));
    assertThat(f.d.sandbox.outbox().to("zalo:u-1001")).hasSize(1);
  }

  @Test
  void oa_errors_not_a_follower_marks_the_follower_gone_no_interaction_moves_on_and_rate_limit_retries() {
    follower("u-2002", PHONE);
    f.d.control(new JsonObject().put("provider", "zalo_oa").put("failNext", new JsonArray().add("-230").add("-32").add("-213")));

    SendResult noInteraction = oaChannel().send(new Outbound(f.attempt("zalo_oa", PHONE), PHONE, "a")).await();
    SendResult limited = oaChannel().send(new Outbound(f.attempt("zalo_oa", PHONE), PHONE, "b")).await();
    SendResult notFollower = oaChannel().send(new Outbound(f.attempt("zalo_oa", PHONE), PHONE, "c")).await();
    SendResult afterwards = oaChannel().send(new Outbound(f.attempt("zalo_oa", PHONE), PHONE, "d")).await();

    assertThat(((SendResult.Permanent) noInteraction).reason()).startsWith("no interaction in 7 days");
    assertThat(((SendResult.Transient) limited).retryAfter()).isPositive();
    assertThat(((SendResult.Permanent) notFollower).reason()).startsWith("not a follower");
    assertThat(f.d.count("SELECT count(*) FROM delivery.zalo_follower WHERE unfollowed_at IS NOT NULL")).isEqualTo(1);
    assertThat(((SendResult.Permanent) afterwards).reason()).startsWith("not a follower");
  }

  @Test
  void a_phone_without_a_following_guardian_is_not_a_follower_and_nothing_is_sent() {
    SendResult result = oaChannel().send(new Outbound(f.attempt("zalo_oa", PHONE), PHONE, "x")).await();

    assertThat(((SendResult.Permanent) result).reason()).startsWith("not a follower");
    assertThat(f.twin.lastOaRequest()).isNull();
  }

  void follower(String userId, String phone) {
    f.control(new JsonObject().put("follower", userId));
    f.d.execute("INSERT INTO delivery.zalo_follower (oa_id, zalo_user_id, phone_e164, followed_at) VALUES ($1, $2, $3, now())",
        f.oa.oaId(), userId, phone);
  }
}
