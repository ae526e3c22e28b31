package vn.lienlac.delivery.zalo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.channel.SendResult;

/** The pure rules of the Zalo channels: night-time, error classes, template data, phones, proofs. */
class ZaloRulesTest {

  @Test
  void night_time_runs_from_22_to_6_vietnam_time_and_waits_until_six_plus_at_most_ten_minutes() {
    Instant evening = Instant.parse("2026-11-22T14:59:00Z"); // 21:59 in Vietnam
    Instant night = Instant.parse("2026-11-22T15:00:00Z"); // 22:00
    Instant dawn = Instant.parse("2026-11-22T22:59:00Z"); // 05:59
    assertThat(ZnsNightTime.isNight(evening)).isFalse();
    assertThat(ZnsNightTime.isNight(night)).isTrue();
    assertThat(ZnsNightTime.isNight(dawn)).isTrue();
    assertThat(ZnsNightTime.isNight(Instant.parse("2026-11-22T23:00:00Z"))).isFalse();
    assertThat(ZnsNightTime.untilMorning(night, 0)).isEqualTo(Duration.ofHours(8));
    assertThat(ZnsNightTime.untilMorning(dawn, 0.5)).isEqualTo(Duration.ofMinutes(6));
    assertThat(ZnsNightTime.untilMorning(evening, 0.5)).isZero();
  }

  @Test
  void zns_and_oa_error_codes_fall_into_the_classes_the_worker_acts_on() {
    assertThat(ZaloErrors.zns(-108, null)).isInstanceOf(SendResult.Permanent.class);
    assertThat(ZaloErrors.zns(-118, null)).isInstanceOf(SendResult.Permanent.class);
    assertThat(ZaloErrors.zns(-115, null)).isInstanceOf(SendResult.Transient.class);
    assertThat(ZaloErrors.zns(-144, null)).isInstanceOf(SendResult.Transient.class);
    assertThat(ZaloErrors.zns(-131, null)).isInstanceOf(SendResult.Permanent.class);
    assertThat(((SendResult.Permanent) ZaloErrors.zns(-999, "strange")).reason()).contains("-999").contains("strange");
    assertThat(ZaloErrors.oa(-32, null)).isInstanceOf(SendResult.Transient.class);
    assertThat(ZaloErrors.oa(-213, null)).isInstanceOf(SendResult.Permanent.class);
    assertThat(ZaloErrors.oa(-230, null)).isInstanceOf(SendResult.Permanent.class);
    assertThat(ZaloErrors.tokenInvalid(-124)).isTrue();
    assertThat(ZaloErrors.tokenInvalid(-216)).isTrue();
    assertThat(ZaloErrors.tokenInvalid(-220)).isTrue();
    assertThat(ZaloErrors.tokenInvalid(-118)).isFalse();
  }

  @Test
  void template_data_maps_our_parameters_and_constants_and_names_a_missing_parameter() {
    JsonObject params = new JsonObject().put("code", "482913").put("minutes", 5);
    assertThat(ZnsTemplateData.of(new JsonObject().put("otp", "code").put("school", "=THCS Lê Lợi"), params))
        .isEqualTo(new JsonObject().put("otp", "482913").put("school", "THCS Lê Lợi"));
    assertThat(ZnsTemplateData.of(new JsonObject(), params))
        .isEqualTo(new JsonObject().put("code", "482913").put("minutes", "5"));
    assertThatThrownBy(() -> ZnsTemplateData.of(new JsonObject().put("amount", "total"), params))
        .hasMessageContaining("'total'");
  }

  @Test
  void phones_become_84_for_zns_and_e164_from_what_followers_share() {
    assertThat(ZnsChannel.znsPhone("+84912345678")).isEqualTo("84912345678");
    assertThat(ZnsChannel.znsPhone("+15005550006")).isNull();
    assertThat(ZaloFollowers.e164("84912345678")).isEqualTo("+84912345678");
    assertThat(ZaloFollowers.e164("0912 345 678")).isEqualTo("+84912345678");
    assertThat(ZaloFollowers.e164("abc")).isNull();
  }

  @Test
  void appsecret_proof_is_the_hex_hmac_sha256_of_the_access_token_keyed_with_the_app_secret() {
    // HMAC-SHA256(key "key", "The quick brown fox jumps over the lazy dog"), the RFC 4231-style public vector.
    assertThat(ZaloCall.appSecretProof("key", "The quick brown fox jumps over the lazy dog"))
        .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void expires_in_arrives_as_a_string_of_seconds() {
    assertThat(ZaloTokens.expiresIn("90000")).isEqualTo(90_000);
    assertThat(ZaloTokens.expiresIn(3600)).isEqualTo(3600);
  }
}
