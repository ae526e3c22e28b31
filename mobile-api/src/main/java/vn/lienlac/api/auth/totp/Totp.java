package vn.lienlac.api.auth.totp;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time codes (HMAC-SHA1, 30-second steps), the second factor staff may turn
 * on. A code is accepted one step early or late (clock drift), compared in constant time, and never
 * twice: the caller stores the step of the last accepted code and passes it back.
 */
public final class Totp {

  public static final int STEP_SECONDS = 30;
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private Totp() {}

  public static String code(byte[] secret, Instant at, int digits) {
    return codeAtStep(secret, at.getEpochSecond() / STEP_SECONDS, digits);
  }

  /**
   * @param lastUsedStep the step of the last code this account used, or -1
   * @return the step of the accepted code, to be stored as the new last used step
   */
  public static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
    if (code == null || !code.strip().matches("\\d{6}")) {
      return OptionalLong.empty();
    }
    byte[] given = code.strip().getBytes(StandardCharsets.US_ASCII);
    long current = now.getEpochSecond() / STEP_SECONDS;
    for (long step = current - 1; step <= current + 1; step++) {
      byte[] expected = codeAtStep(secret, step, 6).getBytes(StandardCharsets.US_ASCII);
      if (step > lastUsedStep && MessageDigest.isEqual(expected, given)) {
        return OptionalLong.of(step);
      }
    }
    return OptionalLong.empty();
  }

  /** What an authenticator app scans to enrol the secret. */
  public static String otpauthUri(String issuer, String account, byte[] secret) {
    String i = encode(issuer);
    return "otpauth://totp/" + i + ":" + encode(account) + "?secret=" + Base32.encode(secret) + "&issuer=" + i
        + "&algorithm=SHA1&digits=6&period=" + STEP_SECONDS;
  }

  private static String codeAtStep(byte[] secret, long step, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0F;
      int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
          | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
      return String.format("%0" + digits + "d", binary % POWERS[digits]);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA1 unavailable", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
