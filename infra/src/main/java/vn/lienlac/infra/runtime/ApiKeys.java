package vn.lienlac.infra.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.lienlac.api.auth.SigningKey;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;

/** The access-token signing key from {@code LIENLAC_JWT_SIGNING_KEY}: PEM text, or the path of a PEM file. */
public final class ApiKeys {

  private ApiKeys() {}

  public static SigningKey signingKey(LienlacConfig config) {
    String value = config.string(Setting.JWT_SIGNING_KEY);
    String pem = value;
    if (!value.startsWith("-----BEGIN")) {
      try {
        pem = Files.readString(Path.of(value));
      } catch (IOException e) {
        throw new ConfigException(Setting.JWT_SIGNING_KEY.env() + ": neither PEM text nor a readable file: " + value);
      }
    }
    try {
      return SigningKey.fromPem(pem);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Setting.JWT_SIGNING_KEY.env() + ": " + e.getMessage());
    }
  }

  /** The demo's key: made once and kept beside its data, so tokens survive a restart. */
  public static Path demoKeyFile(Path dataDir) {
    Path file = dataDir.resolve("jwt-signing-key.pem");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        Files.writeString(file, SigningKey.generate().toPem());
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
      }
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the demo signing key " + file + ": " + e.getMessage(), e);
    }
  }
}
