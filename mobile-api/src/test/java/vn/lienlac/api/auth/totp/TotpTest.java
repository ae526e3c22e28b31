package vn.lienlac.api.auth.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

  static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "at {0}: {1}")
  @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
      "2000000000, 69279037", "20000000000, 65353130"})
  void the_rfc_6238_sha1_vectors_hold(long epochSecond, String eightDigits) {
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(epochSecond), 8)).isEqualTo(eightDigits);
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(epochSecond), 6)).isEqualTo(eightDigits.substring(2));
  }

  @Test
  void a_code_is_accepted_one_step_early_or_late_but_not_two() {
    Instant now = Instant.ofEpochSecond(1_800_000_000L);
    String previous = Totp.code(RFC_SECRET, now.minusSeconds(30), 6);
    String tooOld = Totp.code(RFC_SECRET, now.minusSeconds(60), 6);

    assertThat(Totp.verify(RFC_SECRET, previous, now, -1)).isPresent();
    assertThat(Totp.verify(RFC_SECRET, tooOld, now, -1)).isEmpty();
  }

  @Test
  void a_code_already_used_cannot_be_used_again() {
    Instant now = Instant.ofEpochSecond(1_800_000_000L);
    String code = Totp.code(RFC_SECRET, now, 6);
    OptionalLong step = Totp.verify(RFC_SECRET, code, now, -1);

    assertThat(step).isPresent();
    assertThat(Totp.verify(RFC_SECRET, code, now.plusSeconds(5), step.getAsLong())).isEmpty();
  }

  @Test
  void secrets_travel_in_base32_and_in_an_otpauth_uri_for_authenticator_apps() {
    assertThat(Base32.encode(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(RFC_SECRET);
    assertThat(Totp.otpauthUri("Liên Lạc", "hieutruong.79001", RFC_SECRET))
        .isEqualTo("otpauth://totp/Li%C3%AAn%20L%E1%BA%A1c:hieutruong.79001?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Li%C3%AAn%20L%E1%BA%A1c&algorithm=SHA1&digits=6&period=30");
  }
}
