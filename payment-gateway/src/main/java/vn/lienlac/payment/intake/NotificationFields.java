package vn.lienlac.payment.intake;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reading members of a notification body, each failure naming the member. */
final class NotificationFields {

  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final JsonObject body;
  private final String prefix;

  NotificationFields(JsonObject body, String prefix) {
    this.body = body;
    this.prefix = prefix;
  }

  String text(String name) {
    String v = optionalText(name);
    if (v == null) {
      throw new NotificationException(prefix + name, "required");
    }
    return v;
  }

  String optionalText(String name) {
    Object v = body.getValue(name);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray || v instanceof Boolean) {
      throw new NotificationException(prefix + name, "must be text");
    }
    String s = v.toString().strip();
    return s.isEmpty() ? null : s;
  }

  /** Whole đồng, positive; a JSON number or digits in a string ("1250000", "1250000.00"). */
  long amount(String name) {
    Object v = body.getValue(name);
    if (v == null) {
      throw new NotificationException(prefix + name, "required");
    }
    String s = v.toString().strip();
    if (!s.matches("\\d{1,15}(\\.0*)?")) {
      throw new NotificationException(prefix + name, "must be a positive whole number of đồng, got '" + s + "'");
    }
    long amount = Long.parseLong(s.replaceFirst("\\..*", ""));
    if (amount <= 0) {
      throw new NotificationException(prefix + name, "must be positive");
    }
    return amount;
  }

  /** "yyyy-MM-dd HH:mm:ss" in Vietnam time, as payOS and SePay write it. */
  Instant localTime(String name) {
    String s = text(name);
    try {
      return LocalDateTime.parse(s, LOCAL).atZone(VIETNAM).toInstant();
    } catch (DateTimeParseException e) {
      throw new NotificationException(prefix + name, "must be 'yyyy-MM-dd HH:mm:ss', got '" + s + "'");
    }
  }

  /** Epoch milliseconds (VietQR.vn), number or digits. */
  Instant epochMillis(String name) {
    String s = text(name);
    if (!s.matches("\\d{10,15}")) {
      throw new NotificationException(prefix + name, "must be epoch milliseconds, got '" + s + "'");
    }
    return Instant.ofEpochMilli(Long.parseLong(s));
  }
}
