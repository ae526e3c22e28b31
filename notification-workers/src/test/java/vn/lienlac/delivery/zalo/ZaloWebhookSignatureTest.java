package vn.lienlac.delivery.zalo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import vn.lienlac.delivery.zalo.ZaloWebhookSignature.Settings;
import vn.lienlac.delivery.zalo.ZaloWebhookSignature.TimestampSource;

class ZaloWebhookSignatureTest {

  static final String BODY = "{\"app_id\":\"4321\",\"event_name\":\"user_send_text\",\"timestamp\":\"1726000000000\","
      + "\"sender\":{\"id\":\"8123\"},\"recipient\":{\"id\":\"579\"},\"message\":{\"text\":\"Dạ cô ơi\",\"msg_id\":\"m1\"}}";

  static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void the_signature_is_sha256_of_app_id_body_timestamp_and_secret_with_or_without_the_mac_prefix() throws Exception {
    String mac = sha256("4321" + BODY + "1726000000000" + "oa-secret");
    Settings settings = new Settings("4321", "oa-secret", TimestampSource.BODY);

    assertThat(ZaloWebhookSignature.verify(settings, BODY, "1726000000000", null, "mac=" + mac)).isTrue();
    assertThat(ZaloWebhookSignature.verify(settings, BODY, "1726000000000", null, mac)).isTrue();
    assertThat(ZaloWebhookSignature.verify(settings, BODY, "1726000000000", null, "MAC=" + mac.toUpperCase())).isTrue();
  }

  @Test
  void the_timestamp_can_come_from_the_header_instead_of_the_body() throws Exception {
    String mac = sha256("4321" + BODY + "1726000000999" + "oa-secret");
    Settings header = new Settings("4321", "oa-secret", TimestampSource.HEADER);

    assertThat(ZaloWebhookSignature.verify(header, BODY, "1726000000000", "1726000000999", "mac=" + mac)).isTrue();
    assertThat(ZaloWebhookSignature.verify(header, BODY, "1726000000000", null, "mac=" + mac)).isFalse();
  }

  @Test
  void a_changed_body_a_wrong_secret_or_a_missing_header_is_refused() throws Exception {
    String mac = sha256("4321" + BODY + "1726000000000" + "oa-secret");
    Settings settings = new Settings("4321", "oa-secret", TimestampSource.BODY);

    assertThat(ZaloWebhookSignature.verify(settings, BODY.replace("cô", "thầy"), "1726000000000", null, mac)).isFalse();
    assertThat(ZaloWebhookSignature.verify(new Settings("4321", "app-secret", TimestampSource.BODY), BODY,
        "1726000000000", null, mac)).isFalse();
    assertThat(ZaloWebhookSignature.verify(settings, BODY, "1726000000000", null, null)).isFalse();
  }
}
