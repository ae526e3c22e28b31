package vn.lienlac.payment.reconcile;

import io.vertx.sqlclient.Row;
import java.time.Instant;

/**
 * A bank transaction as reconciliation reads it, with the school whose collection account received it
 * (null when the account is no school's).
 */
public record BankRow(long id, String accountNumber, String bankTxnId, boolean credit, long amount, String memo,
                      String payerName, Instant bookedAt, String reconState, String schoolCode) {

  /** Columns: {@value #COLUMNS}. */
  static final String COLUMNS = "b.id, b.account_number, b.bank_txn_id, b.direction, b.amount, b.memo, b.payer_name,"
      + " b.booked_at, b.recon_state, a.school_code";

  static BankRow of(Row r) {
    return new BankRow(r.getLong(0), r.getString(1), r.getString(2), "C".equals(r.getString(3)), r.getLong(4),
        r.getString(5), r.getString(6), r.getOffsetDateTime(7).toInstant(), r.getString(8), r.getString(9));
  }
}
