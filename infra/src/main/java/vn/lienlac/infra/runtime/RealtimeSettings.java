package vn.lienlac.infra.runtime;

import java.time.Duration;
import vn.lienlac.api.realtime.RealtimeOptions;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;

/** Realtime options from configuration, refusing values that would break the protocol's promises. */
final class RealtimeSettings {

  /** Apps are promised at least a day of replay after a reconnect. */
  private static final Duration SHORTEST_RETENTION = Duration.ofHours(24);
  private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

  private RealtimeSettings() {}

  static RealtimeOptions options(LienlacConfig config) {
    Duration retention = config.duration(Setting.REALTIME_RETENTION);
    if (retention.compareTo(SHORTEST_RETENTION) < 0) {
      throw new ConfigException(Setting.REALTIME_RETENTION.env() + " must be at least PT24H (apps replay a day of"
          + " missed events), got " + retention);
    }
    RealtimeOptions defaults = RealtimeOptions.defaults();
    try {
      return new RealtimeOptions(config.string(Setting.REALTIME_CHANNEL),
          config.duration(Setting.REALTIME_PING_INTERVAL), config.duration(Setting.REALTIME_IDLE_TIMEOUT),
          defaults.authTimeout(), config.duration(Setting.REALTIME_CATCH_UP_INTERVAL),
          config.integer(Setting.REALTIME_MAX_BACKLOG_BYTES), defaults.slowClientTimeout(), retention, PURGE_INTERVAL);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
