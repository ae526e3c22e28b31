package vn.lienlac.payment.intake;

import java.util.Set;

/** How a bank transaction reached us; the code is what {@code payment.bank_transaction.source} and {@code seen_by} hold. */
public enum Source {
  VIETQR_VN("vietqr_vn", true),
  PAYOS("payos", true),
  SEPAY("sepay", true),
  /** Pulled from SePay API v2 by the workers role: a credit found this way had no webhook (yet). */
  SEPAY_API("sepay_api", false),
  STATEMENT("statement", false),
  SANDBOX("sandbox", true);

  private final String code;
  private final boolean notification;

  Source(String code, boolean notification) {
    this.code = code;
    this.notification = notification;
  }

  public String code() {
    return code;
  }

  /** A push notification (webhook) from the bank or an aggregator, as opposed to a pull or a file. */
  public boolean isNotification() {
    return notification;
  }

  /** Whether any of the sources (codes as stored) is a push notification. */
  public static boolean anyNotification(Set<String> codes) {
    for (Source s : values()) {
      if (s.notification && codes.contains(s.code)) {
        return true;
      }
    }
    return false;
  }

  public static Source ofCode(String code) {
    for (Source s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown transaction source '" + code + "'");
  }
}
