package vn.lienlac.api.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Six-digit sign-in codes: drawn uniformly from SecureRandom, stored only as HMAC-SHA256 keyed by a
 * random salt of their challenge, compared in constant time. A million codes are few, so the hash
 * keeps codes out of backups and logs rather than resisting a brute force; what stops guessing is the
 * five-try lock, the five-minute life and the per-phone send throttle.
 */
final class OtpCodes {

  static final int DIGITS = 6;
  static final int SALT_BYTES = 16;
  private static final int RANGE = 1_000_000;

  private final SecureRandom random;

  OtpCodes(SecureRandom random) {
    this.random = random;
  }

  String newCode() {
    return String.format("%06d", random.nextInt(RANGE));
  }

  byte[] newSalt() {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return salt;
  }

  static byte[] hash(byte[] salt, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return mac.doFinal(code.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  static boolean matches(byte[] salt, byte[] expectedHash, String code) {
    return code != null && code.matches("\\d{6}") && MessageDigest.isEqual(expectedHash, hash(salt, code));
  }
}
