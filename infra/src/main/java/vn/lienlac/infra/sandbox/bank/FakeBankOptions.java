package vn.lienlac.infra.sandbox.bank;

import java.time.Duration;
import java.util.Locale;

/**
 * How the fake bank behaves: which notification it sends for a credit (as payOS, SePay or VietQR.vn
 * would), where (our API's public base URL), signed with which secrets, and the SePay API v2 token it
 * accepts for its transaction listing.
 *
 * @param retryBase the first retry delay; later ones grow like the Fibonacci numbers (SePay's spacing)
 * @param attempts deliveries tried per notification before the bank gives up on it
 */
public record FakeBankOptions(String host, int port, Style style, String targetBaseUrl, String payOsChecksumKey,
                              String sePayApiKey, String sePayHmacSecret, String vietQrUsername, String vietQrPassword,
                              String apiToken, double apiRequestsPerSecond, Duration retryBase, int attempts) {

  /** The notification a credit triggers. */
  public enum Style {
    PAYOS, SEPAY, VIETQR;

    public static Style parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sandbox bank webhook style must be payos, sepay or vietqr, got '" + text + "'");
      }
    }
  }

  public FakeBankOptions withPort(int p) {
    return new FakeBankOptions(host, p, style, targetBaseUrl, payOsChecksumKey, sePayApiKey, sePayHmacSecret,
        vietQrUsername, vietQrPassword, apiToken, apiRequestsPerSecond, retryBase, attempts);
  }

  public FakeBankOptions withStyle(Style s) {
    return new FakeBankOptions(host, port, s, targetBaseUrl, payOsChecksumKey, sePayApiKey, sePayHmacSecret,
        vietQrUsername, vietQrPassword, apiToken, apiRequestsPerSecond, retryBase, attempts);
  }

  public FakeBankOptions withTarget(String baseUrl) {
    return new FakeBankOptions(host, port, style, baseUrl, payOsChecksumKey, sePayApiKey, sePayHmacSecret,
        vietQrUsername, vietQrPassword, apiToken, apiRequestsPerSecond, retryBase, attempts);
  }
}
