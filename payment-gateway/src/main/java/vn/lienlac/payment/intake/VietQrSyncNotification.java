package vn.lienlac.payment.intake;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import vn.lienlac.payment.statement.BankTransaction;
import vn.lienlac.payment.statement.BankTransaction.Direction;

/**
 * A VietQR.vn transaction-sync call: {@code bankaccount, amount, transType (C/D), content,
 * transactionid, transactiontime (epoch ms), referencenumber, orderId, …}. Senders spell the keys
 * in camelCase or lower case, so names are matched without case. The bank reference
 * ({@code referencenumber}) identifies the transfer; VietQR.vn retries up to 10 times with it.
 */
public final class VietQrSyncNotification {

  private VietQrSyncNotification() {}

  public static BankTransaction parse(JsonObject body) {
    JsonObject lower = new JsonObject();
    body.forEach(e -> lower.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    NotificationFields f = new NotificationFields(lower, "");
    String type = f.text("transtype");
    Direction direction = switch (type.toUpperCase(Locale.ROOT)) {
      case "C" -> Direction.CREDIT;
      case "D" -> Direction.DEBIT;
      default -> throw new NotificationException("transType", "must be C or D, got '" + type + "'");
    };
    return new BankTransaction(f.text("bankaccount"), f.text("referencenumber"), f.epochMillis("transactiontime"),
        f.amount("amount"), direction, false, f.optionalText("content"), null, null);
  }
}
