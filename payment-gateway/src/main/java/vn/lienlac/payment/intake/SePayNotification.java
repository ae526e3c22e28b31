package vn.lienlac.payment.intake;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import vn.lienlac.payment.statement.BankTransaction;
import vn.lienlac.payment.statement.BankTransaction.Direction;

/**
 * A SePay webhook: {@code id, gateway, transactionDate, accountNumber, code, content, transferType
 * (in/out), transferAmount, accumulated, subAccount, referenceCode, description}. Authenticated by
 * {@code Authorization: Apikey <key>}, or by HMAC-SHA256: {@code X-SePay-Signature} = hex HMAC over
 * {@code <X-SePay-Timestamp>.<raw body>} with the timestamp (Unix seconds) at most 5 minutes off.
 * The bank reference ({@code referenceCode}) identifies the transfer; without one, SePay's id does.
 */
public final class SePayNotification {

  public static final Duration MAX_DRIFT = Duration.ofMinutes(5);

  private SePayNotification() {}

  public static boolean apiKeyMatches(String authorization, String apiKey) {
    if (authorization == null || apiKey == null || apiKey.isEmpty()
        || !authorization.regionMatches(true, 0, "Apikey ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
        apiKey.getBytes(StandardCharsets.UTF_8));
  }

  /** Hex HMAC-SHA256 of {@code timestamp + "." + body}. */
  public static String sign(String secret, long timestampSeconds, byte[] body) {
    byte[] prefix = (timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] message = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
    System.arraycopy(body, 0, message, prefix.length, body.length);
    return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), message));
  }

  /** The signature and timestamp headers are right and the timestamp is within {@link #MAX_DRIFT} of now. */
  public static boolean signatureValid(String secret, String timestamp, String signature, byte[] body, Instant now) {
    if (secret == null || secret.isEmpty() || timestamp == null || signature == null || !timestamp.strip().matches("\\d{1,12}")) {
      return false;
    }
    long ts = Long.parseLong(timestamp.strip());
    if (Math.abs(now.getEpochSecond() - ts) > MAX_DRIFT.toSeconds()) {
      return false;
    }
    String given = signature.strip().toLowerCase(Locale.ROOT);
    if (given.startsWith("sha256=")) {
      given = given.substring(7);
    }
    return MessageDigest.isEqual(sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII),
        given.getBytes(StandardCharsets.US_ASCII));
  }

  public static BankTransaction parse(JsonObject body) {
    NotificationFields f = new NotificationFields(body, "");
    String id = f.text("id");
    String type = f.text("transferType");
    Direction direction = switch (type.toLowerCase(Locale.ROOT)) {
      case "in" -> Direction.CREDIT;
      case "out" -> Direction.DEBIT;
      default -> throw new NotificationException("transferType", "must be in or out, got '" + type + "'");
    };
    String reference = f.optionalText("referenceCode");
    String memo = f.optionalText("content");
    return new BankTransaction(f.text("accountNumber"), reference != null ? reference : "sepay:" + id,
        f.localTime("transactionDate"), f.amount("transferAmount"), direction, false,
        memo != null ? memo : f.optionalText("description"), null, null);
  }
}
