package vn.lienlac.payment.qr;

import io.vertx.core.json.JsonObject;
import vn.lienlac.payment.vietqr.VietQrEncoder;
import vn.lienlac.payment.vietqr.VietQrPayload;

/**
 * The VietQR (NAPAS 247) payload paying what is still owed on an invoice into the school's collection
 * account, with the invoice's payment reference as the memo: the same payload {@code ./lienlac invoice refs}
 * writes for an invoice file.
 */
public final class InvoiceQr {

  private InvoiceQr() {}

  /** @param account the school's collection account ({@link CollectionAccounts}) */
  public static String payload(JsonObject account, long outstanding, String reference) {
    return VietQrEncoder.encode(new VietQrPayload(account.getString("bin"), account.getString("accountNumber"), false,
        outstanding > 0 ? outstanding : null, null, null, reference));
  }

  /** The same facts as text, for a parent who types the transfer by hand. */
  public static String transferText(JsonObject account, long outstanding, String reference) {
    return account.getString("bankName") + " – " + account.getString("accountNumber") + " – "
        + account.getString("accountHolder") + " – " + outstanding + " đ – " + reference;
  }
}
