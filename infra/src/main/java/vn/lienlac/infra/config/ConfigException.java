package vn.lienlac.infra.config;

/** A setting is missing or malformed; the message names it and says what is expected. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
