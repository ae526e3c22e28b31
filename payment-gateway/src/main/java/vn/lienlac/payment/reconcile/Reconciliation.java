package vn.lienlac.payment.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lienlac.payment.reference.PaymentReference;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * Applies bank transactions to open invoices, one at a time, in booking order. The rule is zero wrong
 * automatic matches: a credit is applied only when its memo carries exactly one reference we issued;
 * everything else is suggested or left unmatched for a person. Holds its state in memory: this is the
 * engine of `./lienlac recon` over files; the database engine ({@link CreditApplier}) applies the same
 * rules: {@link CreditRule} decides, {@link Allocation} splits, {@link Reversals} finds what a debit
 * reverses and {@link SuggestionRanking} ranks.
 */
public final class Reconciliation {

  private record Application(String invoiceId, long amount) {}

  /** What a credit did, kept so that a later reversal can undo exactly that. */
  private record Applied(List<Application> applications, String creditStudent, long credit, boolean reversed) {}

  private final Map<Long, OpenInvoice> byNumber = new HashMap<>();
  private final Map<Long, List<OpenInvoice>> byHousehold = new HashMap<>();
  private final Map<String, OpenInvoice> byId = new HashMap<>();
  private final Map<String, Long> outstanding = new HashMap<>();
  private final Map<String, Long> studentCredit = new HashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final Map<String, Applied> creditsById = new HashMap<>();
  private final Suggestions suggestions;

  public Reconciliation(List<OpenInvoice> invoices) {
    for (OpenInvoice invoice : invoices) {
      if (byId.put(invoice.invoiceId(), invoice) != null || byNumber.put(invoice.number(), invoice) != null) {
        throw new IllegalArgumentException("invoice " + invoice.invoiceId() + " appears twice");
      }
      outstanding.put(invoice.invoiceId(), invoice.amountDue());
      if (invoice.householdNumber() != null) {
        byHousehold.computeIfAbsent(invoice.householdNumber(), k -> new ArrayList<>()).add(invoice);
      }
    }
    suggestions = new Suggestions(invoices);
  }

  public long outstanding(String invoiceId) {
    return outstanding.getOrDefault(invoiceId, 0L);
  }

  public long studentCredit(String studentCode) {
    return studentCredit.getOrDefault(studentCode, 0L);
  }

  public ReconResult apply(BankTransaction t) {
    String key = t.accountNumber() + "\u001f" + t.bankTxnId();
    if (!seen.add(key)) {
      return result(t, Outcome.DUPLICATE, List.of(), 0, "bank transaction already recorded");
    }
    return t.direction() == BankTransaction.Direction.DEBIT ? debit(t) : credit(t);
  }

  private ReconResult debit(BankTransaction t) {
    for (String token : Reversals.namedIds(t.bankTxnId(), t.memo())) {
      String creditKey = t.accountNumber() + "\u001f" + token;
      Applied applied = creditsById.get(creditKey);
      if (applied != null && !applied.reversed()) {
        return reverse(t, token, creditKey, applied);
      }
    }
    return result(t, Outcome.IGNORED, List.of(), 0, "debit that names no earlier credit");
  }

  private ReconResult reverse(BankTransaction t, String reversedId, String creditKey, Applied applied) {
    List<String> ids = new ArrayList<>();
    long undone = 0;
    for (Application a : applied.applications()) {
      outstanding.merge(a.invoiceId(), a.amount(), Long::sum);
      ids.add(a.invoiceId());
      undone += a.amount();
    }
    String note = "";
    if (applied.credit() > 0) {
      long available = studentCredit.getOrDefault(applied.creditStudent(), 0L);
      long taken = Math.min(available, applied.credit());
      studentCredit.put(applied.creditStudent(), available - taken);
      undone += taken;
      if (taken < applied.credit()) {
        note = "; " + (applied.credit() - taken) + " đ of its credit was already used";
      }
    }
    creditsById.put(creditKey, new Applied(applied.applications(), applied.creditStudent(), applied.credit(), true));
    return result(t, Outcome.REVERSAL, ids, undone, "reverses " + reversedId + note);
  }

  private ReconResult credit(BankTransaction t) {
    CreditRule.Decision decision = CreditRule.decide(t.memo(), this::payablesOf);
    if (decision instanceof CreditRule.Queue queue) {
      remember(t, List.of(), null, 0);
      if (!queue.named().isEmpty()) {
        return result(t, Outcome.SUGGESTED, queue.named(), 0, queue.reason());
      }
      List<String> suggested = suggestions.best(t, outstanding);
      return suggested.isEmpty()
          ? result(t, Outcome.UNMATCHED, List.of(), 0, queue.reason())
          : result(t, Outcome.SUGGESTED, suggested, 0, queue.reason() + "; suggested by amount and payer name");
    }
    CreditRule.Pay pay = (CreditRule.Pay) decision;
    Allocation allocation = Allocation.of(t.amount(), pay.invoices());
    List<Application> applications = new ArrayList<>();
    for (Allocation.Part part : allocation.parts()) {
      outstanding.merge(part.invoiceId(), -part.amount(), Long::sum);
      applications.add(new Application(part.invoiceId(), part.amount()));
    }
    if (allocation.excess() > 0) {
      studentCredit.merge(allocation.creditStudent(), allocation.excess(), Long::sum);
    }
    remember(t, applications, allocation.creditStudent(), allocation.excess());
    List<String> ids = pay.invoices().stream().map(Payable::invoiceId).toList();
    return result(t, allocation.outcome(), ids, allocation.applied(), allocation.reason());
  }

  private List<Payable> payablesOf(PaymentReference r) {
    List<OpenInvoice> invoices;
    if (r.kind() == PaymentReference.Kind.INVOICE) {
      OpenInvoice invoice = byNumber.get(r.number());
      invoices = invoice == null ? List.of() : List.of(invoice);
    } else {
      invoices = byHousehold.getOrDefault(r.number(), List.of());
    }
    List<Payable> out = new ArrayList<>(invoices.size());
    for (OpenInvoice i : invoices) {
      out.add(new Payable(i.invoiceId(), i.studentCode(), outstanding.get(i.invoiceId()), i.dueDate()));
    }
    return out;
  }

  private void remember(BankTransaction t, List<Application> applications, String student, long credit) {
    creditsById.put(t.accountNumber() + "\u001f" + t.bankTxnId(), new Applied(applications, student, credit, false));
  }

  private static ReconResult result(BankTransaction t, Outcome outcome, List<String> ids, long applied, String reason) {
    return new ReconResult(t.bankTxnId(), outcome, ids, applied, reason);
  }
}
