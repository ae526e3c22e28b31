package vn.lienlac.payment.intake;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * payOS webhook signature: lower-case hex HMAC-SHA256, keyed with the checksum key, over
 * {@code k1=v1&k2=v2…} of the {@code data} object's fields sorted by name, a null value written as
 * nothing. Compared in constant time.
 */
public final class PayOsSignature {

  private PayOsSignature() {}

  public static String sign(JsonObject data, String checksumKey) {
    String message = data.fieldNames().stream().sorted()
        .map(name -> name + "=" + text(data.getValue(name)))
        .collect(Collectors.joining("&"));
    return HexFormat.of().formatHex(hmacSha256(checksumKey, message));
  }

  public static boolean verify(JsonObject data, String checksumKey, String signature) {
    if (signature == null || signature.isBlank()) {
      return false;
    }
    byte[] expected = sign(data, checksumKey).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  static byte[] hmacSha256(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
