package vn.lienlac.payment.vietqr;

/**
 * What a VietQR (NAPAS 247 transfer) code says: pay {@code amount} đồng (none for a static code) to
 * {@code account} (or card) at the bank {@code bin}, with {@code memo} as the transfer content.
 *
 * @param billNumber tag 62-01, optional
 * @param referenceLabel tag 62-05, optional
 * @param memo tag 62-08 (purpose of transaction), ASCII, optional
 */
public record VietQrPayload(String bin, String account, boolean toCard, Long amount, String billNumber,
    String referenceLabel, String memo) {

  public boolean dynamic() {
    return amount != null;
  }
}
