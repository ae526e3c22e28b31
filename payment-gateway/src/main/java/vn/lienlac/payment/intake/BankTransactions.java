package vn.lienlac.payment.intake;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import vn.lienlac.payment.intake.impl.PgBankTransactions;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * Getting bank transactions into {@code payment.bank_transaction} exactly once per (account, bank
 * transaction id), however often and however concurrently they arrive, from whichever source. Right
 * after a new row commits, {@code NOTIFY payment_recon} (payload: the highest new row id since the
 * previous notification of this process) wakes reconciliation; a transaction already there gains the
 * reporting source in {@code seen_by}. The returned future completes only once the row is committed:
 * acknowledge a webhook after it.
 */
public interface BankTransactions {

  /** Notification channel that reconciliation listens on; the payload is a new row's id (a wake-up, not a list). */
  String RECON_CHANNEL = "payment_recon";

  static BankTransactions create(Pool pool) {
    return new PgBankTransactions(pool);
  }

  /**
   * @param raw the notification or statement line as received (kept for disputes); may be null
   */
  Future<Recorded> record(Source source, BankTransaction transaction, JsonObject raw);
}
