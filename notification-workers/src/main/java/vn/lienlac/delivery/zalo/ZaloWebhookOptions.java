package vn.lienlac.delivery.zalo;

import java.time.Duration;

/**
 * How Zalo webhooks are checked.
 *
 * @param signature the inputs of {@code X-ZEvent-Signature} (PROVIDERS.md open points are settings)
 * @param window how far an event's timestamp may be from our clock; older events are refused as replays
 */
public record ZaloWebhookOptions(ZaloWebhookSignature.Settings signature, Duration window) {}
