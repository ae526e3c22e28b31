package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.lienlac.payment.ledger.Accounts;
import vn.lienlac.payment.ledger.JournalEntry;
import vn.lienlac.payment.ledger.JournalLine;
import vn.lienlac.payment.ledger.Ledger;

/**
 * What an accountant decides about a queued credit, in the caller's transaction (so the audit record
 * commits with it), through the same {@link Decisions} as the worker: confirm a suggestion, match
 * manually (one transfer to several invoices, several transfers to one), mark as not a fee, record a
 * refund and when it left the bank, and undo any of these. Only transactions of the given school.
 */
public final class AccountantDecisions {

  private static final String LOAD = "SELECT " + BankRow.COLUMNS + """
       FROM payment.bank_transaction b JOIN payment.collection_account a USING (account_number)
      WHERE b.id = $1 AND a.school_code = $2 FOR UPDATE OF b""";

  private static final String INVOICES = """
      SELECT id, student_id, CASE WHEN status = 'cancelled' THEN 0 ELSE amount_due - amount_paid END, due_date
      FROM payment.invoice WHERE id = ANY($1) AND school_code = $2 ORDER BY id FOR UPDATE""";

  private static final String IS_SUGGESTION =
      "SELECT 1 FROM payment.recon_suggestion WHERE bank_transaction_id = $1 AND invoice_id = $2";

  private static final String STANDING = """
      SELECT id, kind, refund_paid_at FROM payment.recon_decision WHERE bank_transaction_id = $1 AND undone_at IS NULL""";

  private static final String REFUND_PAID = """
      UPDATE payment.recon_decision SET refund_paid_at = now(), refund_paid_by = $2 WHERE id = $1 AND refund_paid_at IS NULL""";

  /** Money of one transfer for one invoice. */
  public record Part(long invoiceId, long amount) {}

  /** What a decision changed, for the answer and the audit record. */
  public record Changed(long bankTransactionId, String stateBefore, String stateAfter, Long decisionId,
                        List<AppliedPayment> applied, List<Long> invoiceIds) {}

  /** The decision cannot be made; {@code problem} is the problem type the API answers with. */
  public static final class Refused extends RuntimeException {
    private final String problem;

    public Refused(String problem, String message) {
      super(message, null, false, false);
      this.problem = problem;
    }

    public String problem() {
      return problem;
    }
  }

  private static final List<String> QUEUED = List.of("suggested", "unmatched");

  private final Ledger ledger;
  private final Decisions decisions;
  private final ExceptionQueue queue;

  public AccountantDecisions(Ledger ledger, Decisions decisions, ExceptionQueue queue) {
    this.ledger = ledger;
    this.decisions = decisions;
    this.queue = queue;
  }

  /** Applies the whole credit to one of its suggestions (an excess becomes the student's credit). */
  public Future<Changed> confirm(SqlConnection tx, String school, long transactionId, long invoiceId, String by) {
    return queued(tx, school, transactionId).compose(t -> tx.preparedQuery(IS_SUGGESTION)
        .execute(Tuple.of(transactionId, invoiceId)).compose(s -> {
          if (s.size() == 0) {
            return Future.failedFuture(new Refused("recon-not-a-suggestion", "invoice " + invoiceId + " is not a suggestion"));
          }
          return invoices(tx, school, List.of(invoiceId)).compose(inv -> {
            Allocation a = Allocation.of(t.amount(), List.of(inv.get(invoiceId)));
            return applyDecision(tx, t, "matched", by, "suggestion confirmed", a.parts(), a.creditStudent(), a.excess());
          });
        }));
  }

  /**
   * Applies transfers to invoices with the given amounts; a transfer's amount not given to an invoice
   * becomes the credit of the student of its first invoice. All or nothing.
   */
  public Future<List<Changed>> match(SqlConnection tx, String school, Map<Long, List<Part>> byTransaction, String by) {
    List<Long> invoiceIds = byTransaction.values().stream().flatMap(List::stream).map(Part::invoiceId).distinct().sorted().toList();
    List<Changed> out = new ArrayList<>();
    Map<Long, BankRow> transactions = new HashMap<>();
    // Transactions first (in id order, like every locker here): one of another school is "not found",
    // whatever the invoices named.
    Future<Void> loaded = Future.succeededFuture();
    for (Long id : new TreeMap<>(byTransaction).keySet()) {
      loaded = loaded.compose(v -> queued(tx, school, id)).map(t -> {
        transactions.put(id, t);
        return null;
      });
    }
    return loaded.compose(x -> invoices(tx, school, invoiceIds)).compose(inv -> {
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<Long, List<Part>> e : new TreeMap<>(byTransaction).entrySet()) {
        BankRow t = transactions.get(e.getKey());
        chain = chain.compose(v -> {
          long total = e.getValue().stream().mapToLong(Part::amount).sum();
          if (e.getValue().isEmpty() || total > t.amount() || e.getValue().stream().anyMatch(p -> p.amount() <= 0)) {
            return Future.failedFuture(new Refused("recon-amounts-invalid",
                "amounts for transaction " + t.id() + " must be positive and add up to at most " + t.amount() + " đ"));
          }
          List<Allocation.Part> parts = e.getValue().stream()
              .map(p -> new Allocation.Part(Long.toString(p.invoiceId()), inv.get(p.invoiceId()).studentId(), p.amount())).toList();
          return applyDecision(tx, t, "matched", by, "matched manually", parts, parts.get(0).studentId(), t.amount() - total)
              .map(out::add).mapEmpty();
        });
      }
      return chain.map(v -> out);
    });
  }

  /** The credit is not a fee (a donation, a mistaken transfer kept): unapplied → other income. */
  public Future<Changed> notFee(SqlConnection tx, String school, long transactionId, String by, String reason) {
    return queued(tx, school, transactionId).compose(t -> book(tx, t, "not_fee", "not_fee", by, reason,
        Accounts.otherIncome(t.schoolCode())));
  }

  /** The money will be returned to the payer: unapplied → refunds payable. */
  public Future<Changed> refund(SqlConnection tx, String school, long transactionId, String by, String reason) {
    return queued(tx, school, transactionId).compose(t -> book(tx, t, "refund", "refunded", by, reason,
        Accounts.refundsPayable(t.schoolCode())));
  }

  /** The refund left the bank: refunds payable → bank. After this the refund can no longer be undone. */
  public Future<Changed> refundPaid(SqlConnection tx, String school, long transactionId, String by) {
    return load(tx, school, transactionId).compose(t -> tx.preparedQuery(STANDING).execute(Tuple.of(t.id())).compose(rows -> {
      Row d = rows.size() == 0 ? null : rows.iterator().next();
      if (d == null || !"refund".equals(d.getString(1)) || d.getValue(2) != null) {
        return Future.failedFuture(new Refused("recon-state-conflict", "no unpaid refund is recorded for this transaction"));
      }
      long decision = d.getLong(0);
      return tx.preparedQuery(REFUND_PAID).execute(Tuple.of(decision, by))
          .compose(v -> ledger.post(tx, new JournalEntry(t.schoolCode(), "refund_paid", null, t.id(), null, null, null,
              List.of(JournalLine.debit(Accounts.refundsPayable(t.schoolCode()), t.amount()),
                  JournalLine.credit(Accounts.bank(t.schoolCode()), t.amount())))))
          .map(e -> new Changed(t.id(), t.reconState(), t.reconState(), decision, List.of(), List.of()));
    }));
  }

  /** Undoes the standing decision about the transaction (automatic or not); the credit returns to the queue. */
  public Future<Changed> undo(SqlConnection tx, String school, long transactionId, String by, String reason) {
    return load(tx, school, transactionId).compose(t -> tx.preparedQuery(STANDING).execute(Tuple.of(t.id())).compose(rows -> {
      Row d = rows.size() == 0 ? null : rows.iterator().next();
      if (d == null || "reversal".equals(d.getString(1)) || d.getValue(2) != null) {
        return Future.failedFuture(new Refused("recon-state-conflict",
            "nothing to undo: no standing decision, a bank reversal, or a refund already paid"));
      }
      long decision = d.getLong(0);
      return decisions.undo(tx, decision, by, reason)
          .compose(u -> queue.requeue(tx, t.id(), "decision undone: " + reason)
              .map(state -> new Changed(t.id(), t.reconState(), state, decision, List.of(), u.invoiceIds())));
    }));
  }

  private Future<Changed> book(SqlConnection tx, BankRow t, String kind, String state, String by, String reason,
                               String account) {
    return decisions.open(tx, t, kind, by, reason, null)
        .compose(d -> decisions.post(tx, d, new JournalEntry(t.schoolCode(), kind, null, t.id(), null, null, reason,
                List.of(JournalLine.debit(Accounts.unapplied(t.schoolCode()), t.amount()), JournalLine.credit(account, t.amount()))))
            .compose(e -> CreditApplier.setState(tx, t.id(), state))
            .map(v -> new Changed(t.id(), t.reconState(), state, d, List.of(), List.of())));
  }

  private Future<Changed> applyDecision(SqlConnection tx, BankRow t, String kind, String by, String reason,
                                        List<Allocation.Part> parts, String creditStudent, long excess) {
    return decisions.open(tx, t, kind, by, reason, null)
        .compose(d -> decisions.apply(tx, d, t, parts, creditStudent, excess, by)
            .compose(applied -> CreditApplier.setState(tx, t.id(), "applied")
                .map(v -> new Changed(t.id(), t.reconState(), "applied", d, applied,
                    parts.stream().map(p -> Long.parseLong(p.invoiceId())).toList()))));
  }

  private Future<BankRow> load(SqlConnection tx, String school, long transactionId) {
    return tx.preparedQuery(LOAD).execute(Tuple.of(transactionId, school)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(new Refused("not-found", "no such bank transaction"))
        : Future.succeededFuture(BankRow.of(rows.iterator().next())));
  }

  private Future<BankRow> queued(SqlConnection tx, String school, long transactionId) {
    return load(tx, school, transactionId).compose(t -> t.credit() && QUEUED.contains(t.reconState())
        ? Future.succeededFuture(t)
        : Future.failedFuture(new Refused("recon-state-conflict", "transaction " + transactionId + " is " + t.reconState()
            + ", not waiting in the queue")));
  }

  private Future<Map<Long, Payable>> invoices(SqlConnection tx, String school, List<Long> ids) {
    return tx.preparedQuery(INVOICES).execute(Tuple.of(ids.toArray(Long[]::new), school)).compose(rows -> {
      Map<Long, Payable> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getLong(0), new Payable(Long.toString(r.getLong(0)), r.getString(1), r.getLong(2), r.getLocalDate(3)));
      }
      for (Long id : ids) {
        if (!out.containsKey(id) || out.get(id).outstanding() == 0) {
          return Future.failedFuture(new Refused("recon-invoice-not-payable", "invoice " + id + " is not open at this school"));
        }
      }
      return Future.succeededFuture(out);
    });
  }
}
