package vn.lienlac.delivery.channel;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The HTTP facts every adapter reads the same way: {@code Retry-After}, and failures of the call itself. */
public final class HttpOutcomes {

  private HttpOutcomes() {}

  /**
   * {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or
   * unreadable, and never negative.
   */
  public static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /**
   * A call that got no answer: if the connection was never made the provider cannot have the
   * message; any other failure (timeout, reset) happened after the request may have arrived.
   */
  public static SendResult.Transient noAnswer(String provider, Throwable failure) {
    boolean neverConnected = failure instanceof ConnectException;
    String what = failure.getClass().getSimpleName();
    return new SendResult.Transient(provider + " did not answer (" + what + ")", null, !neverConnected);
  }
}
