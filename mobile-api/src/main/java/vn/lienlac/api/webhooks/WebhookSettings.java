package vn.lienlac.api.webhooks;

import vn.lienlac.payment.intake.IntakeMetrics;

/**
 * Credentials of the bank notification receivers; a receiver whose secret is not set is off (404).
 *
 * @param payOsChecksumKey payOS checksum key (HMAC-SHA256 of the signed data)
 * @param sePayApiKey the key SePay sends as {@code Authorization: Apikey …}
 * @param sePayHmacSecret the secret of SePay's HMAC-SHA256 signature (with {@code X-SePay-Timestamp})
 * @param vietQrUsername Basic credentials VietQR.vn presents to {@code token_generate}
 */
public record WebhookSettings(String payOsChecksumKey, String sePayApiKey, String sePayHmacSecret,
                              String vietQrUsername, String vietQrPassword, IntakeMetrics metrics) {

  public static final WebhookSettings OFF = new WebhookSettings(null, null, null, null, null, IntakeMetrics.NONE);

  boolean payOsOn() {
    return present(payOsChecksumKey);
  }

  boolean sePayOn() {
    return present(sePayApiKey) || present(sePayHmacSecret);
  }

  boolean vietQrOn() {
    return present(vietQrUsername) && present(vietQrPassword);
  }

  static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
