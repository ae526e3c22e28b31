package vn.lienlac.delivery.channel;

import java.time.Duration;

/** How a provider answered one send, in the three classes the worker acts on. */
public sealed interface SendResult {

  /** The provider took the message; delivery receipts may follow. */
  record Accepted(String providerMessageId, int segments, long costVnd) implements SendResult {}

  /**
   * Worth trying again later (5xx, timeout, 429, provider busy).
   *
   * @param retryAfter what the provider asked for ({@code Retry-After}), or null
   * @param maybeSent true when the provider may have taken the message anyway (a timeout after the
   *     request went out, a 500): only an idempotent channel may then send again
   */
  record Transient(String reason, Duration retryAfter, boolean maybeSent) implements SendResult {}

  /** Will never work as it is (invalid number, opted out, credentials refused); the reason says why. */
  record Permanent(String reason) implements SendResult {}
}
