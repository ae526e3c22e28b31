package vn.lienlac.payment.invoice;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import vn.lienlac.payment.PaymentRefusal;
import vn.lienlac.payment.ledger.Accounts;
import vn.lienlac.payment.ledger.JournalEntry;
import vn.lienlac.payment.ledger.JournalLine;
import vn.lienlac.payment.ledger.Ledger;

/**
 * The only ways an issued invoice changes what it asks for, each with its ledger entry and never a silent edit:
 * <ul>
 *   <li><b>cancel</b> (with a reason) while nothing is paid on it (no payment, no credit used): the whole
 *       amount due leaves fee income and the receivable;</li>
 *   <li><b>credit note</b> (amount and reason): lowers the amount due by at most what is still unpaid; the
 *       status follows ({@code paid} when what was paid now covers it). A credit note for everything on an
 *       unpaid invoice is refused: that is a cancellation.</li>
 * </ul>
 * Both lock the invoice row, so they serialise with payments being applied to it.
 */
public final class InvoiceAdjustments {

  static final String LOCK = """
      SELECT id, school_code, status, amount_due, amount_paid, credited, cancel_reason FROM payment.invoice
       WHERE id = $1 AND school_code = $2 FOR UPDATE""";
  static final String CANCEL = """
      UPDATE payment.invoice SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2 WHERE id = $1""";
  static final String CREDIT = """
      UPDATE payment.invoice SET amount_due = amount_due - $2, credited = credited + $2,
             status = CASE WHEN amount_paid >= amount_due - $2 THEN 'paid'
                           WHEN amount_paid > 0 THEN 'partially_paid' ELSE 'open' END
       WHERE id = $1 RETURNING status, amount_due""";
  static final String INSERT_NOTE = """
      INSERT INTO payment.credit_note (invoice_id, amount, reason, created_by) VALUES ($1, $2, $3, $4) RETURNING id""";

  private final Ledger ledger;

  public InvoiceAdjustments(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Cancels; completes with {@code {before, after}} (status and amounts) for the audit trail. */
  public Future<JsonObject> cancel(SqlClient tx, String school, long invoiceId, String reason) {
    return lock(tx, school, invoiceId).compose(before -> {
      if ("cancelled".equals(before.getString("status"))) {
        return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.CONFLICT, "invoice-cancelled",
            "invoice " + invoiceId + " is already cancelled"));
      }
      if (before.getLong("amountPaid") > 0) {
        return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.CONFLICT, "invoice-has-payments",
            "invoice " + invoiceId + " has payments: issue a credit note instead"));
      }
      long due = before.getLong("amountDue");
      return tx.preparedQuery(CANCEL).execute(Tuple.of(invoiceId, reason))
          .compose(u -> due == 0 ? Future.succeededFuture() : ledger.post(tx, new JournalEntry(school, "invoice_cancelled",
              invoiceId, null, null, null, reason, List.of(JournalLine.debit(Accounts.feeIncome(school), due),
                  JournalLine.credit(Accounts.receivable(invoiceId), due)))))
          .map(v -> new JsonObject().put("before", before).put("after",
              before.copy().put("status", "cancelled").put("cancelReason", reason)));
    });
  }

  /** Adds a credit note; completes with {@code {before, after, creditNoteId}}. */
  public Future<JsonObject> creditNote(SqlClient tx, String school, long invoiceId, long amount, String reason, String by) {
    return lock(tx, school, invoiceId).compose(before -> {
      long due = before.getLong("amountDue");
      long paid = before.getLong("amountPaid");
      if ("cancelled".equals(before.getString("status"))) {
        return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.CONFLICT, "invoice-cancelled",
            "invoice " + invoiceId + " is cancelled"));
      }
      if (amount > due - paid) {
        return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID, "credit-note-too-large",
            "a credit note may lower invoice " + invoiceId + " by at most the unpaid " + (due - paid) + " đ"));
      }
      if (paid == 0 && amount == due) {
        return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID, "credit-note-cancels",
            "a credit note for the whole unpaid invoice is a cancellation: cancel it with a reason"));
      }
      return tx.preparedQuery(CREDIT).execute(Tuple.of(invoiceId, amount)).compose(updated -> {
        Row u = updated.iterator().next();
        JsonObject after = before.copy().put("status", u.getString("status")).put("amountDue", u.getLong("amount_due"))
            .put("credited", before.getLong("credited") + amount);
        return tx.preparedQuery(INSERT_NOTE).execute(Tuple.of(invoiceId, amount, reason, by))
            .compose(note -> {
              long noteId = note.iterator().next().getLong("id");
              return ledger.post(tx, new JournalEntry(school, "credit_note", invoiceId, null, null, null,
                      "credit note " + noteId, List.of(JournalLine.debit(Accounts.feeIncome(school), amount),
                          JournalLine.credit(Accounts.receivable(invoiceId), amount))))
                  .map(e -> new JsonObject().put("before", before).put("after", after.put("creditNoteId", noteId)));
            });
      });
    });
  }

  private static Future<JsonObject> lock(SqlClient tx, String school, long invoiceId) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(invoiceId, school)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(PaymentRefusal.notFound());
      }
      Row r = rows.iterator().next();
      return Future.succeededFuture(new JsonObject().put("id", invoiceId).put("status", r.getString("status"))
          .put("amountDue", r.getLong("amount_due")).put("amountPaid", r.getLong("amount_paid"))
          .put("credited", r.getLong("credited")));
    });
  }
}
