package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.payment.ledger.Accounts;
import vn.lienlac.payment.ledger.JournalEntry;
import vn.lienlac.payment.ledger.JournalLine;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.receipt.Receipts;

/**
 * The one place that changes money state for a bank transaction, used by the worker and by every
 * accountant decision alike: records a decision, applies money to invoices or a student's credit (the
 * application, its journal entry, the invoice's new amount and status, its receipt), posts the other
 * entries a decision needs, and undoes a decision exactly (reversing entries, undone applications,
 * invoice status recomputed, receipts voided). Always inside the caller's transaction: all of it commits
 * together or not at all. A second standing decision for one transaction fails on a unique index.
 */
public final class Decisions {

  private static final String OPEN = """
      INSERT INTO payment.recon_decision (bank_transaction_id, school_code, kind, reason, reverses_transaction_id, decided_by)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""";

  private static final String ADD_ENTRY = "UPDATE payment.recon_decision SET entry_ids = entry_ids || $2::bigint WHERE id = $1";

  private static final String INSERT_APPLICATION = """
      INSERT INTO payment.application (bank_transaction_id, invoice_id, student_id, amount, kind, applied_by, decision_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";

  /** The guard: never more than is due, never a cancelled invoice. */
  private static final String PAY_INVOICE = """
      UPDATE payment.invoice SET amount_paid = amount_paid + $2,
        status = CASE WHEN amount_paid + $2 >= amount_due THEN 'paid' WHEN amount_paid + $2 > 0 THEN 'partially_paid' ELSE 'open' END
      WHERE id = $1 AND status <> 'cancelled' AND amount_paid + $2 <= amount_due AND amount_paid + $2 >= 0
      RETURNING id""";

  private static final String UNDO = """
      UPDATE payment.recon_decision SET undone_at = now(), undone_by = $2, undo_reason = $3
      WHERE id = $1 AND undone_at IS NULL AND refund_paid_at IS NULL
      RETURNING bank_transaction_id, kind, entry_ids""";

  private static final String UNDO_APPLICATIONS = """
      UPDATE payment.application SET undone_at = now(), undone_by = $2, undo_reason = $3
      WHERE decision_id = $1 AND undone_at IS NULL
      RETURNING id, invoice_id, amount""";

  private static final String ENTRIES = """
      SELECT e.id, e.school_code, e.kind, e.invoice_id, e.bank_transaction_id, e.application_id,
             array_agg(l.account ORDER BY l.line_no), array_agg(l.amount ORDER BY l.line_no)
      FROM payment.journal_entry e JOIN payment.journal_line l ON l.entry_id = e.id
      WHERE e.id = ANY($1) GROUP BY e.id ORDER BY e.id""";

  private final Ledger ledger;
  private final Receipts receipts;

  public Decisions(Ledger ledger, Receipts receipts) {
    this.ledger = ledger;
    this.receipts = receipts;
  }

  /** A new standing decision about the transaction; fails with a unique violation if one stands already. */
  public Future<Long> open(SqlConnection tx, BankRow t, String kind, String by, String reason, Long reverses) {
    return tx.preparedQuery(OPEN).execute(Tuple.of(t.id(), t.schoolCode(), kind, reason, reverses, by))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Posts an entry that belongs to the decision, so that undoing it reverses the entry. */
  public Future<Long> post(SqlConnection tx, long decisionId, JournalEntry entry) {
    return ledger.post(tx, entry).compose(id -> tx.preparedQuery(ADD_ENTRY).execute(Tuple.of(decisionId, id)).map(id));
  }

  /**
   * Applies money of the transaction to invoices (in the given order, each part at most what is still
   * due) and the excess to the student's credit: application, entry (unapplied → receivable or student
   * credit), invoice update and receipt for each. Fails, rolling everything back, if an invoice is
   * cancelled or would be paid beyond its amount.
   */
  public Future<List<AppliedPayment>> apply(SqlConnection tx, long decisionId, BankRow t, List<Allocation.Part> parts,
                                            String creditStudent, long excess, String by) {
    List<AppliedPayment> done = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Allocation.Part part : parts) {
      long invoice = Long.parseLong(part.invoiceId());
      chain = chain.compose(v -> tx.preparedQuery(PAY_INVOICE).execute(Tuple.of(invoice, part.amount())))
          .compose(rows -> rows.size() == 1 ? Future.succeededFuture()
              : Future.failedFuture(new AccountantDecisions.Refused("recon-invoice-not-payable",
                  "invoice " + invoice + " cannot take " + part.amount() + " đ (cancelled, or more than is due)")))
          .compose(v -> applyOne(tx, decisionId, t, invoice, part.studentId(), part.amount(), "payment", by, done));
    }
    if (excess > 0) {
      chain = chain.compose(v -> applyOne(tx, decisionId, t, null, creditStudent, excess, "student_credit", by, done));
    }
    return chain.map(v -> done);
  }

  private Future<Void> applyOne(SqlConnection tx, long decisionId, BankRow t, Long invoice, String student, long amount,
                                String kind, String by, List<AppliedPayment> done) {
    return tx.preparedQuery(INSERT_APPLICATION).execute(Tuple.of(t.id(), invoice, student, amount, kind, by, decisionId))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(applicationId -> {
          String to = invoice == null ? Accounts.studentCredit(student) : Accounts.receivable(invoice);
          JournalEntry entry = new JournalEntry(t.schoolCode(), invoice == null ? "student_credit_kept" : "payment_applied",
              invoice, t.id(), applicationId, null, null,
              List.of(JournalLine.debit(Accounts.unapplied(t.schoolCode()), amount), JournalLine.credit(to, amount)));
          return post(tx, decisionId, entry)
              .compose(e -> receipts.issue(tx, t.schoolCode(), invoice, applicationId, student, amount, t.payerName()))
              .map(receipt -> done.add(new AppliedPayment(applicationId, invoice, student, t.schoolCode(), amount, receipt)))
              .mapEmpty();
        });
  }

  /** What an undo changed: the transaction it was about, the decision's kind and the invoices touched. */
  public record Undone(long bankTransactionId, String kind, List<Long> invoiceIds) {}

  /**
   * Undoes a standing decision: reversing entries for all it posted, its applications undone, their
   * invoices' amounts and statuses recomputed, receipts voided. Fails with {@link NotUndoable} when the
   * decision is already undone or its refund has left the bank.
   */
  public Future<Undone> undo(SqlConnection tx, long decisionId, String by, String reason) {
    return tx.preparedQuery(UNDO).execute(Tuple.of(decisionId, by, reason)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new NotUndoable(decisionId));
      }
      Row d = rows.iterator().next();
      long transaction = d.getLong(0);
      String kind = d.getString(1);
      Long[] entries = d.getArrayOfLongs(2);
      List<Long> invoices = new ArrayList<>();
      return reverseEntries(tx, entries, reason)
          .compose(v -> tx.preparedQuery(UNDO_APPLICATIONS).execute(Tuple.of(decisionId, by, reason)))
          .compose(apps -> {
            List<Long> applicationIds = new ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (Row a : apps) {
              applicationIds.add(a.getLong(0));
              Long invoice = a.getLong(1);
              long amount = a.getLong(2);
              if (invoice != null) {
                invoices.add(invoice);
                chain = chain.compose(v -> tx.preparedQuery(PAY_INVOICE).execute(Tuple.of(invoice, -amount)).mapEmpty());
              }
            }
            return chain.compose(v -> receipts.voidFor(tx, applicationIds, reason));
          })
          .map(v -> new Undone(transaction, kind, List.copyOf(invoices)));
    });
  }

  private Future<Void> reverseEntries(SqlConnection tx, Long[] entryIds, String reason) {
    if (entryIds.length == 0) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(ENTRIES).execute(Tuple.of((Object) entryIds)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row e : rows) {
        String[] accounts = e.getArrayOfStrings(6);
        Long[] amounts = e.getArrayOfLongs(7);
        List<JournalLine> lines = new ArrayList<>();
        for (int i = 0; i < accounts.length; i++) {
          lines.add(new JournalLine(accounts[i], amounts[i]));
        }
        JournalEntry original = new JournalEntry(e.getString(1), e.getString(2), e.getLong(3), e.getLong(4),
            e.getLong(5), null, null, lines);
        chain = chain.compose(v -> ledger.post(tx, original.reversal(e.getLong(0), reason)).mapEmpty());
      }
      return chain;
    });
  }

  /** The decision does not stand (already undone) or cannot be undone any more (its refund was paid). */
  public static final class NotUndoable extends RuntimeException {
    public NotUndoable(long decisionId) {
      super("decision " + decisionId + " is undone already or its refund has left the bank", null, false, false);
    }
  }
}
