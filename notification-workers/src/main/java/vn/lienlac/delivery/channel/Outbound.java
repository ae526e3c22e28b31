package vn.lienlac.delivery.channel;

/**
 * What to send: {@code attemptId} is also the provider's idempotency key where it has one.
 *
 * @param to E.164 phone ({@code +84…}) for SMS and ZNS; null for push (the channel finds the devices)
 * @param message the message a recipient attempt delivers, null for notices
 */
public record Outbound(long attemptId, String to, String text, MessageContent message) {

  public Outbound(long attemptId, String to, String text) {
    this(attemptId, to, text, null);
  }
}
