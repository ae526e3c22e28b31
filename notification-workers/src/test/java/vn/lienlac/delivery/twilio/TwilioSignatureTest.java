package vn.lienlac.delivery.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

  static final String TOKEN = "12345";
  static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309",
      "Digits", "1234", "From", "+14158675309", "To", "+18005551212");
  static final String EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  @Test
  void the_public_vector_of_twilios_sdk_verifies() {
    assertThat(TwilioSignature.sign("https://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, TOKEN)).isEqualTo(EXPECTED);
    assertThat(TwilioSignature.verify("https://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, TOKEN, EXPECTED)).isTrue();
  }

  @Test
  void the_url_is_accepted_with_or_without_its_default_port() {
    assertThat(TwilioSignature.verify("https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS, TOKEN, EXPECTED)).isTrue();
    String signedWithPort = TwilioSignature.sign("https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS, TOKEN);
    assertThat(TwilioSignature.verify("https://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, TOKEN, signedWithPort)).isTrue();
  }

  @Test
  void a_changed_parameter_a_wrong_token_or_no_signature_is_refused() {
    Map<String, String> changed = new java.util.HashMap<>(PARAMS);
    changed.put("Digits", "9999");
    assertThat(TwilioSignature.verify("https://mycompany.com/myapp.php?foo=1&bar=2", changed, TOKEN, EXPECTED)).isFalse();
    assertThat(TwilioSignature.verify("https://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, "54321", EXPECTED)).isFalse();
    assertThat(TwilioSignature.verify("https://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, TOKEN, null)).isFalse();
  }
}
