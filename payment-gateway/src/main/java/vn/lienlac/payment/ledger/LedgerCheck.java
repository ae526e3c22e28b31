package vn.lienlac.payment.ledger;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves that the ledger tells the same story as the invoices, applications and bank transactions
 * ({@code ./lienlac ledger verify}): every balance of these accounts equals what the tables say it must be.
 * <ul>
 *   <li>{@code receivable:<invoice>} = amount due − amount paid (a cancelled invoice: − amount paid, its issue
 *       having been reversed);</li>
 *   <li>{@code student_credit:<student>} = − (credit kept − credit used), standing applications;</li>
 *   <li>{@code bank:<school>} = credits booked − debits that reversed one − refunds paid;</li>
 *   <li>{@code unapplied:<school>} = − (credits booked − money applied − not-fee − refunds − reversals);</li>
 *   <li>{@code other_income:<school>}, {@code refunds_payable:<school>}: the standing decisions;</li>
 * </ul>
 * and two consistency rules between tables: an invoice's amount paid is the sum of its standing
 * applications, and an applied credit's standing applications add up to its amount.
 */
public final class LedgerCheck {

  /** One account (or record) whose balance is not what the tables say. */
  public record Discrepancy(String subject, long expected, long actual) {
    @Override
    public String toString() {
      return subject + ": expected " + expected + " đ, ledger/tables say " + actual + " đ";
    }
  }

  private static final String DECIDED = """
      SELECT d.school_code, d.kind, d.refund_paid_at, b.amount FROM payment.recon_decision d
      JOIN payment.bank_transaction b ON b.id = d.bank_transaction_id WHERE d.undone_at IS NULL""";

  private static final String CHECK = """
      WITH decided AS (""" + DECIDED + """
      ), booked AS (
        SELECT b.id, a.school_code, b.amount FROM payment.bank_transaction b
        JOIN payment.collection_account a USING (account_number)
        WHERE b.direction = 'C' AND b.recon_state NOT IN ('new', 'ignored')
      ), live AS (
        SELECT * FROM payment.application WHERE undone_at IS NULL
      ), expected AS (
        SELECT 'receivable:' || id AS account,
               CASE WHEN status = 'cancelled' THEN -amount_paid ELSE amount_due - amount_paid END AS amount
        FROM payment.invoice
        UNION ALL
        SELECT 'student_credit:' || student_id, -sum(CASE WHEN kind = 'student_credit' THEN amount ELSE -amount END)::bigint
        FROM live WHERE kind IN ('student_credit', 'credit_used') GROUP BY student_id
        UNION ALL
        SELECT 'bank:' || school, sum(amount)::bigint FROM (
          SELECT school_code AS school, amount FROM booked
          UNION ALL SELECT school_code, -amount FROM decided WHERE kind = 'reversal'
          UNION ALL SELECT school_code, -amount FROM decided WHERE kind = 'refund' AND refund_paid_at IS NOT NULL) m
        GROUP BY school
        UNION ALL
        SELECT 'unapplied:' || school, -sum(amount)::bigint FROM (
          SELECT school_code AS school, amount FROM booked
          UNION ALL SELECT bk.school_code, -l.amount FROM live l JOIN booked bk ON bk.id = l.bank_transaction_id
          UNION ALL SELECT school_code, -amount FROM decided WHERE kind IN ('not_fee', 'refund', 'reversal')) m
        GROUP BY school
        UNION ALL
        SELECT 'other_income:' || school_code, -sum(amount)::bigint FROM decided WHERE kind = 'not_fee' GROUP BY school_code
        UNION ALL
        SELECT 'refunds_payable:' || school_code, -sum(amount)::bigint FROM decided
        WHERE kind = 'refund' AND refund_paid_at IS NULL GROUP BY school_code
      ), actual AS (
        SELECT account, sum(amount)::bigint AS amount FROM payment.journal_line
        WHERE account ~ '^(receivable|student_credit|bank|unapplied|other_income|refunds_payable):'
        GROUP BY account
      )
      SELECT coalesce(e.account, a.account), coalesce(e.amount, 0), coalesce(a.amount, 0)
      FROM expected e FULL JOIN actual a ON a.account = e.account
      WHERE coalesce(e.amount, 0) <> coalesce(a.amount, 0)
      UNION ALL
      SELECT 'invoice ' || i.id || ' amount_paid vs applications', coalesce(sum(l.amount), 0)::bigint, i.amount_paid
      FROM payment.invoice i LEFT JOIN live l ON l.invoice_id = i.id AND l.kind IN ('payment', 'credit_used')
      GROUP BY i.id HAVING coalesce(sum(l.amount), 0) <> i.amount_paid
      UNION ALL
      SELECT 'bank transaction ' || b.id || ' applied vs its amount', b.amount, coalesce(sum(l.amount), 0)::bigint
      FROM payment.bank_transaction b LEFT JOIN live l ON l.bank_transaction_id = b.id
      WHERE b.recon_state = 'applied' GROUP BY b.id HAVING coalesce(sum(l.amount), 0) <> b.amount
      ORDER BY 1""";

  private LedgerCheck() {}

  /** Every discrepancy; empty when the ledger and the tables agree. */
  public static Future<List<Discrepancy>> run(SqlClient client) {
    return client.query(CHECK).execute().map(rows -> {
      List<Discrepancy> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Discrepancy(r.getString(0), r.getLong(1), r.getLong(2)));
      }
      return out;
    });
  }
}
