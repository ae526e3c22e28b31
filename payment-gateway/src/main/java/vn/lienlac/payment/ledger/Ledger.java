package vn.lienlac.payment.ledger;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import vn.lienlac.payment.ledger.impl.PostgresLedger;

/**
 * Posts journal entries. Always inside the transaction of the change that moved the money, so the
 * ledger and the invoices never disagree.
 */
public interface Ledger {

  static Ledger create() {
    return new PostgresLedger();
  }

  /** Writes the entry in the given transaction's connection; completes with its id. */
  Future<Long> post(SqlClient tx, JournalEntry entry);

  /** Balance of one account (debits minus credits), in the given connection. */
  Future<Long> balance(SqlClient client, String account);
}
