package vn.lienlac.delivery.zalo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code X-ZEvent-Signature: mac=<hex>} on Zalo webhooks: plain SHA-256 (not HMAC) of
 * appId + raw body + timestamp + secret. Public sources disagree on three points, so each is a setting
 * (PROVIDERS.md): whether the {@code mac=} prefix is present, whether the timestamp is the body's
 * {@code timestamp} or the {@code X-ZEvent-Timestamp} header, and whether the secret is the OA secret
 * or the app secret (the caller passes the one configured).
 */
public final class ZaloWebhookSignature {

  public enum TimestampSource { BODY, HEADER }

  /** @param secret the OA secret key by default, or the app secret when so configured */
  public record Settings(String appId, String secret, TimestampSource timestampSource) {}

  private ZaloWebhookSignature() {}

  public static String sign(String appId, String rawBody, String timestamp, String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((appId + rawBody + timestamp + secret).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * @param bodyTimestamp the {@code timestamp} field of the parsed body
   * @param headerTimestamp the {@code X-ZEvent-Timestamp} header, if any
   * @param header the {@code X-ZEvent-Signature} header, with or without {@code mac=}
   */
  public static boolean verify(Settings settings, String rawBody, String bodyTimestamp, String headerTimestamp,
      String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    String timestamp = settings.timestampSource() == TimestampSource.BODY ? bodyTimestamp : headerTimestamp;
    if (timestamp == null) {
      return false;
    }
    String given = header.strip();
    if (given.regionMatches(true, 0, "mac=", 0, 4)) {
      given = given.substring(4);
    }
    byte[] expected = sign(settings.appId(), rawBody, timestamp, settings.secret()).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
