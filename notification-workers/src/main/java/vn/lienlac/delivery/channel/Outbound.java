package vn.lienlac.delivery.channel;

/**
 * What to send: {@code attemptId} is also the provider's idempotency key where it has one.
 *
 * @param to E.164 phone ({@code +84…}) for SMS; a device token or Zalo id for the other channels
 */
public record Outbound(long attemptId, String to, String text) {}
