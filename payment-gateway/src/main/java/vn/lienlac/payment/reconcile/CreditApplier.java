package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.lienlac.payment.ledger.Accounts;
import vn.lienlac.payment.ledger.JournalEntry;
import vn.lienlac.payment.ledger.JournalLine;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.reference.PaymentReference;
import vn.lienlac.payment.reference.ReferenceFinder;

/**
 * Reconciles one new bank transaction in the caller's transaction, with file mode's rules
 * ({@link CreditRule}, {@link Allocation}, {@link Reversals}): a credit is booked (bank → unapplied),
 * then applied when its memo names exactly one of the school's references with something outstanding,
 * else queued with ranked suggestions; a debit naming a standing credit reverses it. Invoice rows are
 * locked before they are read, so concurrent credits to one invoice are applied one after the other.
 */
public final class CreditApplier {

  private static final String LOAD = "SELECT " + BankRow.COLUMNS + """
       FROM payment.bank_transaction b LEFT JOIN payment.collection_account a USING (account_number)
      WHERE b.id = $1 FOR UPDATE OF b""";

  private static final String INVOICES_OF = """
      SELECT id, student_id, CASE WHEN status = 'cancelled' THEN 0 ELSE amount_due - amount_paid END, due_date,
             reference, household_reference
      FROM payment.invoice WHERE school_code = $1 AND (reference = ANY($2) OR household_reference = ANY($2))
      ORDER BY id FOR UPDATE""";

  private static final String SET_STATE = "UPDATE payment.bank_transaction SET recon_state = $2 WHERE id = $1";

  private static final String REVERSED_CREDIT = """
      SELECT id, recon_state FROM payment.bank_transaction
      WHERE account_number = $1 AND direction = 'C' AND upper(bank_txn_id) = ANY($2) AND id <> $3
        AND recon_state NOT IN ('reversed', 'ignored')
      ORDER BY array_position($2, upper(bank_txn_id)), id LIMIT 1 FOR UPDATE""";

  private static final String STANDING_DECISION =
      "SELECT id, refund_paid_at FROM payment.recon_decision WHERE bank_transaction_id = $1 AND undone_at IS NULL";

  /** What one transaction's reconciliation did. {@code deferred}: try again later (it names a credit not yet reconciled). */
  public record Result(String state, List<AppliedPayment> applied, boolean deferred) {}

  private final Ledger ledger;
  private final Decisions decisions;
  private final ExceptionQueue queue;

  public CreditApplier(Ledger ledger, Decisions decisions, ExceptionQueue queue) {
    this.ledger = ledger;
    this.decisions = decisions;
    this.queue = queue;
  }

  /** Reconciles the transaction if it is still new (else does nothing: someone else did it). */
  public Future<Result> reconcile(SqlConnection tx, long bankTransactionId) {
    return tx.preparedQuery(LOAD).execute(Tuple.of(bankTransactionId)).compose(rows -> {
      if (rows.size() == 0 || !"new".equals(rows.iterator().next().getString(8))) {
        return Future.succeededFuture(new Result(null, List.of(), false));
      }
      BankRow t = BankRow.of(rows.iterator().next());
      if (t.schoolCode() == null) {
        return queue.note(tx, t, "the account is no school's collection account")
            .compose(v -> setState(tx, t.id(), "ignored")).map(v -> new Result("ignored", List.of(), false));
      }
      return t.credit() ? credit(tx, t) : debit(tx, t);
    });
  }

  private Future<Result> credit(SqlConnection tx, BankRow t) {
    JournalEntry arrived = new JournalEntry(t.schoolCode(), "credit_received", null, t.id(), null, null, null,
        List.of(JournalLine.debit(Accounts.bank(t.schoolCode()), t.amount()),
            JournalLine.credit(Accounts.unapplied(t.schoolCode()), t.amount())));
    // Both statements are sent at once (pipelined on the connection, executed in this order): one round trip.
    Future<Long> booked = ledger.post(tx, arrived);
    Future<Map<PaymentReference, List<Payable>>> named = lookUp(tx, t);
    return Future.all(booked, named).map(v -> named.result()).compose(references -> {
      CreditRule.Decision decision = CreditRule.decide(t.memo(), r -> references.getOrDefault(r, List.of()));
      if (decision instanceof CreditRule.Queue q) {
        return queue.enqueue(tx, t, q.reason(), q.named()).map(state -> new Result(state, List.of(), false));
      }
      CreditRule.Pay pay = (CreditRule.Pay) decision;
      Allocation allocation = Allocation.of(t.amount(), pay.invoices());
      return decisions.open(tx, t, "applied", "auto", allocation.reason(), null)
          .compose(d -> decisions.apply(tx, d, t, allocation.parts(), allocation.creditStudent(), allocation.excess(), "auto"))
          .compose(applied -> setState(tx, t.id(), "applied").map(v -> new Result("applied", applied, false)));
    });
  }

  /** The school's invoices named by references in the memo, by reference; rows locked. */
  private Future<Map<PaymentReference, List<Payable>>> lookUp(SqlConnection tx, BankRow t) {
    List<PaymentReference> found = ReferenceFinder.findAll(t.memo());
    if (found.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    String[] texts = found.stream().map(PaymentReference::text).toArray(String[]::new);
    return tx.preparedQuery(INVOICES_OF).execute(Tuple.of(t.schoolCode(), (Object) texts)).map(rows -> {
      Map<PaymentReference, List<Payable>> out = new HashMap<>();
      for (Row r : rows) {
        Payable p = new Payable(Long.toString(r.getLong(0)), r.getString(1), r.getLong(2), r.getLocalDate(3));
        for (PaymentReference ref : found) {
          if (ref.text().equals(r.getString(4)) || ref.text().equals(r.getString(5))) {
            out.computeIfAbsent(ref, k -> new ArrayList<>()).add(p);
          }
        }
      }
      return out;
    });
  }

  private Future<Result> debit(SqlConnection tx, BankRow t) {
    String[] named = Reversals.namedIds(t.bankTxnId(), t.memo()).toArray(String[]::new);
    return tx.preparedQuery(REVERSED_CREDIT).execute(Tuple.tuple().addString(t.accountNumber()).addArrayOfString(named).addLong(t.id())).compose(rows -> {
      if (rows.size() == 0) {
        return queue.note(tx, t, "debit that names no earlier credit")
            .compose(v -> setState(tx, t.id(), "ignored")).map(v -> new Result("ignored", List.of(), false));
      }
      Row credit = rows.iterator().next();
      if ("new".equals(credit.getString(1))) {
        return Future.succeededFuture(new Result("new", List.of(), true));
      }
      return reverse(tx, t, credit.getLong(0));
    });
  }

  /** Undoes whatever stands for the credit, then books the money leaving: unapplied → bank. */
  private Future<Result> reverse(SqlConnection tx, BankRow debit, long creditId) {
    String why = "reversed by bank transaction " + debit.bankTxnId();
    return tx.preparedQuery(STANDING_DECISION).execute(Tuple.of(creditId)).compose(rows -> {
      Row standing = rows.size() == 0 ? null : rows.iterator().next();
      if (standing != null && standing.getValue(1) != null) {
        // The credit was refunded and the refund booked as paid: this debit is that refund leaving the bank,
        // already in the ledger, not a reversal to undo.
        return queue.note(tx, debit, "the refund of transaction " + creditId + " leaving the bank")
            .compose(v -> setState(tx, debit.id(), "ignored")).map(v -> new Result("ignored", List.of(), false));
      }
      return reverseStanding(tx, debit, creditId, standing == null ? null : standing.getLong(0), why);
    });
  }

  private Future<Result> reverseStanding(SqlConnection tx, BankRow debit, long creditId, Long standing, String why) {
    return (standing == null ? Future.<Void>succeededFuture() : decisions.undo(tx, standing, "auto", why).<Void>mapEmpty())
        .compose(v -> decisions.open(tx, debit, "reversal", "auto", "reverses transaction " + creditId, creditId))
        .compose(d -> decisions.post(tx, d, new JournalEntry(debit.schoolCode(), "credit_reversed", null, debit.id(), null,
            null, why, List.of(JournalLine.debit(Accounts.unapplied(debit.schoolCode()), debit.amount()),
                JournalLine.credit(Accounts.bank(debit.schoolCode()), debit.amount())))))
        .compose(e -> queue.forget(tx, creditId))
        .compose(v -> setState(tx, creditId, "reversed"))
        .compose(v -> setState(tx, debit.id(), "reversed"))
        .map(v -> new Result("reversed", List.of(), false));
  }

  static Future<Void> setState(SqlConnection tx, long id, String state) {
    return tx.preparedQuery(SET_STATE).execute(Tuple.of(id, state)).mapEmpty();
  }
}
