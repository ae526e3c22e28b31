package vn.lienlac.payment.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The VietQR.vn pair: {@code token_generate} takes Basic credentials and hands out a short-lived
 * Bearer token that {@code transaction-sync} requires. Tokens are stateless ({@code expiry.nonce.mac},
 * HMAC-SHA256 keyed from the credentials), so every api process accepts what any other issued and
 * nothing needs storing; changing the password ends every token.
 */
public final class VietQrSyncTokens {

  public static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String username;
  private final String password;
  private final byte[] key;

  public VietQrSyncTokens(String username, String password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    this.key = Hmac.sha256("lienlac vietqr-sync token".getBytes(StandardCharsets.UTF_8),
        (username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code Authorization: Basic …} carries our username and password. */
  public boolean credentialsMatch(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    // Both compared, always, so timing says nothing about which one was wrong.
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    String pass = colon < 0 ? "" : decoded.substring(colon + 1);
    boolean userOk = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), username.getBytes(StandardCharsets.UTF_8));
    boolean passOk = MessageDigest.isEqual(pass.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    return userOk & passOk;
  }

  public String issue(Instant now) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    String body = now.plus(LIFETIME).getEpochSecond() + "." + B64.encodeToString(nonce);
    return body + "." + mac(body);
  }

  public boolean valid(String token, Instant now) {
    if (token == null) {
      return false;
    }
    int last = token.lastIndexOf('.');
    int first = token.indexOf('.');
    if (first <= 0 || last <= first) {
      return false;
    }
    String body = token.substring(0, last);
    if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII),
        token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
      return false;
    }
    try {
      return now.getEpochSecond() < Long.parseLong(token.substring(0, first));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String mac(String body) {
    return B64.encodeToString(Hmac.sha256(key, body.getBytes(StandardCharsets.UTF_8)));
  }
}
