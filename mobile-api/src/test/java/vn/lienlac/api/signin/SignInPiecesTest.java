package vn.lienlac.api.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure pieces of sign-in: codes, tokens, limits. */
class SignInPiecesTest {

  final OtpCodes codes = new OtpCodes(new SecureRandom());
  final RefreshTokens tokens = new RefreshTokens(new SecureRandom());

  @Test
  void codes_have_six_digits_keeping_leading_zeros_and_vary() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String code = codes.newCode();
      assertThat(code).matches("\\d{6}");
      seen.add(code);
    }
    assertThat(seen.size()).isGreaterThan(1990);
    assertThat(seen).anyMatch(c -> c.startsWith("0"));
  }

  @Test
  void a_code_matches_only_its_own_hash_and_salt() {
    byte[] salt = codes.newSalt();
    byte[] hash = OtpCodes.hash(salt, "042517");

    assertThat(OtpCodes.matches(salt, hash, "042517")).isTrue();
    assertThat(OtpCodes.matches(salt, hash, "042518")).isFalse();
    assertThat(OtpCodes.matches(codes.newSalt(), hash, "042517")).isFalse();
    assertThat(OtpCodes.matches(salt, hash, "42517")).isFalse();
    assertThat(OtpCodes.matches(salt, hash, null)).isFalse();
    assertThat(OtpCodes.hash(codes.newSalt(), "042517")).isNotEqualTo(hash);
  }

  @Test
  void refresh_tokens_carry_256_bits_in_43_url_safe_characters() {
    String token = tokens.newToken();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(tokens.newToken()).isNotEqualTo(token);
    assertThat(RefreshTokens.hash(token)).hasSize(32).isEqualTo(RefreshTokens.hash(token));
    assertThat(tokens.newSessionId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void limits_are_written_count_slash_duration() {
    SignInSettings.Limit limit = SignInSettings.Limit.parse("3/PT15M");
    assertThat(limit).isEqualTo(new SignInSettings.Limit(3, Duration.ofMinutes(15)));
    assertThat(limit.refillPerSecond()).isEqualTo(3 / 900.0);
    assertThat(limit.toString()).isEqualTo("3/PT15M");
    assertThatThrownBy(() -> SignInSettings.Limit.parse("3 per 15 minutes")).hasMessageContaining("3/PT15M");
    assertThatThrownBy(() -> SignInSettings.Limit.parse("0/PT1M")).hasMessageContaining("count");
    assertThatThrownBy(() -> SignInSettings.Limit.parse("5/PT")).hasMessageContaining("COUNT/ISO-8601-DURATION");
  }

  @Test
  void throttle_keys_never_hold_a_phone_number_in_clear() {
    String key = Throttles.hashed("otp-phone", "+84901000001");
    assertThat(key).startsWith("otp-phone:").doesNotContain("901000001");
    assertThat(key).isEqualTo(Throttles.hashed("otp-phone", "+84901000001"));
  }
}
