package vn.lienlac.infra.runtime;

import vn.lienlac.api.auth.password.Argon2id;
import vn.lienlac.api.signin.SignInSettings;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;

/** Sign-in settings of mobile-api from configuration; a bad value is refused naming its setting. */
public final class SignInConfig {

  /** Every process of one deployment shares these keys in Redis. */
  static final String REDIS_PREFIX = "lienlac:";

  private SignInConfig() {}

  public static SignInSettings from(LienlacConfig config) {
    return new SignInSettings(config.duration(Setting.REFRESH_TOKEN_TTL_GUARDIAN), config.duration(Setting.REFRESH_TOKEN_TTL_STAFF),
        limit(config, Setting.OTP_LIMIT_PER_PHONE), limit(config, Setting.OTP_LIMIT_PER_IP),
        limit(config, Setting.OTP_VERIFY_LIMIT_PER_IP), limit(config, Setting.PASSWORD_LIMIT_PER_USERNAME),
        limit(config, Setting.PASSWORD_LIMIT_PER_IP), Argon2id.Cost.RECOMMENDED, REDIS_PREFIX);
  }

  private static SignInSettings.Limit limit(LienlacConfig config, Setting setting) {
    try {
      return SignInSettings.Limit.parse(config.string(setting));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting.env() + ": " + e.getMessage() + " (from " + config.source(setting) + ")");
    }
  }
}
