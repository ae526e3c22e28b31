package vn.lienlac.delivery.push;

import io.vertx.core.json.JsonObject;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The Google service account FCM is called with, read from the JSON key file Google issues
 * ({@code type}, {@code project_id}, {@code client_email}, {@code private_key} in PKCS#8 PEM,
 * {@code token_uri}). The key never leaves this object.
 */
public record ServiceAccount(String projectId, String clientEmail, PrivateKey privateKey, String tokenUri) {

  public static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  @Override
  public String toString() {
    return "ServiceAccount[" + clientEmail + "]";
  }

  /** @throws IllegalArgumentException naming the field that is missing or unreadable */
  public static ServiceAccount fromJson(JsonObject json) {
    if (!"service_account".equals(json.getString("type"))) {
      throw new IllegalArgumentException("the FCM credentials must be a service account key (\"type\": \"service_account\")");
    }
    String projectId = required(json, "project_id");
    String email = required(json, "client_email");
    String pem = required(json, "private_key");
    return new ServiceAccount(projectId, email, privateKey(pem), json.getString("token_uri", DEFAULT_TOKEN_URI));
  }

  static PrivateKey privateKey(String pem) {
    String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
        .replace("\\n", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (Exception e) {
      throw new IllegalArgumentException("private_key of the FCM service account is not an RSA PKCS#8 PEM key");
    }
  }

  private static String required(JsonObject json, String field) {
    String value = json.getString(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the FCM service account key has no " + field);
    }
    return value;
  }
}
