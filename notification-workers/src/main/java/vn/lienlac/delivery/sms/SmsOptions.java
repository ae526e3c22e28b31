package vn.lienlac.delivery.sms;

import java.time.Duration;

/**
 * What every SMS adapter needs besides its account.
 *
 * @param unaccented send Vietnamese without diacritics (cheaper GSM 7-bit segments; some brandname routes require it)
 * @param segmentPriceVnd the price of one segment, in đồng, for the cost recorded per attempt
 * @param requestTimeout how long one provider call may take; must stay well under the worker's lease
 */
public record SmsOptions(boolean unaccented, long segmentPriceVnd, Duration requestTimeout) {}
