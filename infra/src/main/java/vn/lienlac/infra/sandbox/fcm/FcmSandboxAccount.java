package vn.lienlac.infra.sandbox.fcm;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import vn.lienlac.delivery.push.ServiceAccount;

/**
 * The service account the sandbox FCM accepts: a key pair published in the repository
 * ({@code sandbox/fcm-service-account.json}), good for nothing but the sandbox.
 */
public record FcmSandboxAccount(ServiceAccount account, PublicKey publicKey, String json) {

  public static final String RESOURCE = "sandbox/fcm-service-account.json";

  public static FcmSandboxAccount demo() {
    try (InputStream in = FcmSandboxAccount.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      ServiceAccount account = ServiceAccount.fromJson(new JsonObject(json));
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) account.privateKey();
      PublicKey pub = KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
      return new FcmSandboxAccount(account, pub, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the sandbox FCM key is unreadable", e);
    }
  }
}
