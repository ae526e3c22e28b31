package vn.lienlac.payment.vietqr;

/** A VietQR payload or its inputs break the NAPAS/EMVCo rules; the message names what and where. */
public final class VietQrException extends IllegalArgumentException {
  public VietQrException(String message) {
    super(message);
  }
}
