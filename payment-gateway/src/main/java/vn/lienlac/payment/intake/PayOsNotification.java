package vn.lienlac.payment.intake;

import io.vertx.core.json.JsonObject;
import vn.lienlac.payment.statement.BankTransaction;
import vn.lienlac.payment.statement.BankTransaction.Direction;

/**
 * A payOS payment webhook ({@code {code, desc, success, data:{…}, signature}}). The signature covers
 * {@code data} ({@link PayOsSignature}); the bank's own reference ({@code data.reference}) identifies
 * the transfer, so the same credit in the end-of-day statement counts once.
 */
public final class PayOsNotification {

  private PayOsNotification() {}

  /** Whether the body is signed with this checksum key; false for anything malformed. */
  public static boolean verify(JsonObject body, String checksumKey) {
    if (!(body.getValue("data") instanceof JsonObject data) || !(body.getValue("signature") instanceof String signature)) {
      return false;
    }
    return PayOsSignature.verify(data, checksumKey, signature);
  }

  /** The credit the webhook reports, or null when it reports no money received (data.code not "00"). */
  public static BankTransaction parse(JsonObject body) {
    if (!(body.getValue("data") instanceof JsonObject data)) {
      throw new NotificationException("data", "required object");
    }
    NotificationFields f = new NotificationFields(data, "data.");
    String code = f.optionalText("code");
    if (code != null && !code.equals("00")) {
      return null;
    }
    return new BankTransaction(f.text("accountNumber"), f.text("reference"), f.localTime("transactionDateTime"),
        f.amount("amount"), Direction.CREDIT, false, f.optionalText("description"),
        f.optionalText("counterAccountName"), f.optionalText("counterAccountNumber"));
  }
}
