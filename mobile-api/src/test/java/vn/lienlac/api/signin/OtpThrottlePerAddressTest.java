package vn.lienlac.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.signin.SignInSettings.Limit;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;

/** The per-address throttles, with small limits so that a test reaches them. */
class OtpThrottlePerAddressTest {

  ApiTestServer api;
  SignInClient app;

  @BeforeEach
  void start() {
    api = ApiTestServer.start("otp_ip", s -> s.withLimits(new Limit(3, Duration.ofMinutes(15)),
        new Limit(4, Duration.ofHours(1)), new Limit(3, Duration.ofMinutes(15)), s.passwordPerUsername(), s.passwordPerIp()));
    TestDistrict.create(api);
    app = new SignInClient(api);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void one_address_asking_codes_for_many_numbers_is_refused_after_its_hourly_allowance() {
    for (int i = 0; i < 4; i++) {
      assertThat(app.requestCode("09870001" + (10 + i)).statusCode()).isEqualTo(202);
    }
    HttpResponse<String> refused = app.requestCode("0987000199");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
  }

  @Test
  void one_address_guessing_codes_is_refused_after_its_allowance() {
    for (int i = 0; i < 3; i++) {
      assertThat(app.verify(TestDistrict.G1_PHONE, "000000").statusCode()).isEqualTo(401);
    }
    HttpResponse<String> refused = app.verify(TestDistrict.G1_PHONE, "000000");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
  }
}
