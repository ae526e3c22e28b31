package vn.lienlac.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.config.LienlacConfig;

class DeliveryWiringTest {

  @Test
  void the_chosen_sms_provider_names_every_setting_it_still_needs() {
    assertThatThrownBy(() -> DeliveryWiring.smsChannel(null, config(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("LIENLAC_ESMS_API_KEY").hasMessageContaining("LIENLAC_ESMS_SECRET_KEY")
        .hasMessageContaining("LIENLAC_ESMS_BRANDNAME");
    assertThatThrownBy(() -> DeliveryWiring.smsChannel(null, config(Map.of("LIENLAC_SMS_PROVIDER", "twilio"))))
        .hasMessageContaining("LIENLAC_TWILIO_ACCOUNT_SID").hasMessageContaining("LIENLAC_TWILIO_FROM");
  }

  @Test
  void an_unknown_provider_or_a_malformed_flag_is_refused_by_name() {
    assertThatThrownBy(() -> DeliveryWiring.smsChannel(null, config(Map.of("LIENLAC_SMS_PROVIDER", "viettel"))))
        .hasMessage("LIENLAC_SMS_PROVIDER must be esms or twilio, got 'viettel'");
    assertThatThrownBy(() -> DeliveryWiring.smsChannel(null, config(Map.of("LIENLAC_SMS_UNACCENTED", "maybe"))))
        .hasMessageContaining("LIENLAC_SMS_UNACCENTED must be true or false");
  }

  @Test
  void delivery_options_come_from_the_settings() {
    var options = DeliveryWiring.options(config(Map.of("LIENLAC_DELIVERY_BATCH_SIZE", "7", "LIENLAC_SMS_RATE_PER_SECOND", "2.5")));
    assertThat(options.batchSize()).isEqualTo(7);
    assertThat(options.ratePerSecond()).isEqualTo(2.5);
    assertThat(options.lease()).hasSeconds(60);
  }

  private static LienlacConfig config(Map<String, String> env) {
    return LienlacConfig.from(env, Map.of(), "none");
  }
}
