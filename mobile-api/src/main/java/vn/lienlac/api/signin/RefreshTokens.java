package vn.lienlac.api.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque refresh tokens: 256 random bits, base64url (43 characters). Only their SHA-256 is stored:
 * with that much entropy a salt adds nothing, and a plain hash lets the token be found by its key.
 */
final class RefreshTokens {

  static final int BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  RefreshTokens(SecureRandom random) {
    this.random = random;
  }

  String newToken() {
    byte[] raw = new byte[BYTES];
    random.nextBytes(raw);
    return B64.encodeToString(raw);
  }

  /** Session ids appear in access tokens and Redis keys; a random UUID says nothing about the user. */
  String newSessionId() {
    byte[] raw = new byte[16];
    random.nextBytes(raw);
    raw[6] = (byte) ((raw[6] & 0x0f) | 0x40);
    raw[8] = (byte) ((raw[8] & 0x3f) | 0x80);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (raw[i] & 0xff);
      lo = (lo << 8) | (raw[i + 8] & 0xff);
    }
    return new UUID(hi, lo).toString();
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
