package vn.lienlac.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LienlacConfigTest {

  @Test
  void environment_wins_over_yaml_which_wins_over_defaults() {
    LienlacConfig config = LienlacConfig.from(
        Map.of("LIENLAC_HTTP_PORT", "9090"),
        Map.of("http.port", 7070, "postgres.pool-size", 4),
        "lienlac.yaml");

    assertThat(config.integer(Setting.HTTP_PORT)).isEqualTo(9090);
    assertThat(config.source(Setting.HTTP_PORT)).isEqualTo("env LIENLAC_HTTP_PORT");
    assertThat(config.integer(Setting.PG_POOL_SIZE)).isEqualTo(4);
    assertThat(config.source(Setting.PG_POOL_SIZE)).isEqualTo("lienlac.yaml");
    assertThat(config.duration(Setting.DISTRICT_SYNC_INTERVAL)).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.source(Setting.DISTRICT_SYNC_INTERVAL)).isEqualTo("default");
  }

  @Test
  void an_unknown_yaml_key_is_refused_by_name() {
    assertThatThrownBy(() -> LienlacConfig.from(Map.of(), Map.of("http.prot", 1), "lienlac.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'http.prot'");
  }

  @Test
  void every_missing_required_setting_is_named_at_once() {
    LienlacConfig config = LienlacConfig.from(Map.of(), Map.of(), "lienlac.yaml");

    assertThatThrownBy(() -> config.require(List.of(Setting.PG_URL, Setting.REDIS_URL)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("LIENLAC_PG_URL").hasMessageContaining("LIENLAC_REDIS_URL");
  }

  @Test
  void a_malformed_value_names_the_setting_and_what_is_expected() {
    LienlacConfig config = LienlacConfig.from(Map.of("LIENLAC_DISTRICT_SYNC_INTERVAL", "5 minutes"), Map.of(), "y");

    assertThatThrownBy(() -> config.duration(Setting.DISTRICT_SYNC_INTERVAL))
        .hasMessageContaining("LIENLAC_DISTRICT_SYNC_INTERVAL").hasMessageContaining("ISO-8601");
  }

  @Test
  void every_setting_has_a_distinct_env_name_and_yaml_key() {
    assertThat(java.util.Arrays.stream(Setting.values()).map(Setting::env)).doesNotHaveDuplicates()
        .allMatch(e -> e.startsWith("LIENLAC_"));
    assertThat(java.util.Arrays.stream(Setting.values()).map(Setting::yamlKey)).doesNotHaveDuplicates();
  }
}
