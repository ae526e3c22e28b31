package vn.lienlac.payment.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lienlac.payment.reference.PaymentReference;
import vn.lienlac.payment.reference.ReferenceFinder;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * Applies bank transactions to open invoices, one at a time, in booking order. The rule is zero wrong
 * automatic matches: a credit is applied only when its memo carries exactly one reference we issued;
 * everything else is suggested or left unmatched for a person. Holds its state in memory: this is the
 * engine of `./lienlac recon` over files (the database-backed one shares its rules).
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
    byHousehold.values().forEach(list -> list.sort(
        Comparator.comparing(OpenInvoice::dueDate).thenComparing(OpenInvoice::invoiceId)));
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
    for (String token : tokens(t.bankTxnId() + " " + (t.memo() == null ? "" : t.memo()))) {
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
    List<PaymentReference> found = ReferenceFinder.findAll(t.memo());
    Set<String> candidates = new LinkedHashSet<>();
    List<PaymentReference> known = new ArrayList<>();
    for (PaymentReference r : found) {
      List<OpenInvoice> invoices = invoicesOf(r);
      if (!invoices.isEmpty()) {
        known.add(r);
        invoices.forEach(i -> candidates.add(i.invoiceId()));
      }
    }
    if (known.size() > 1) {
      remember(t, List.of(), null, 0);
      return result(t, Outcome.SUGGESTED, List.copyOf(candidates), 0,
          "memo carries " + known.size() + " different references");
    }
    if (known.isEmpty()) {
      remember(t, List.of(), null, 0);
      String why = found.isEmpty() ? "no payment reference in the memo"
          : "reference " + found.get(0).text() + " was not issued for these invoices";
      List<String> suggested = suggestions.best(t, outstanding);
      return suggested.isEmpty()
          ? result(t, Outcome.UNMATCHED, List.of(), 0, why)
          : result(t, Outcome.SUGGESTED, suggested, 0, why + "; suggested by amount and payer name");
    }
    return pay(t, invoicesOf(known.get(0)));
  }

  /** Pays the invoices in order (earliest due first for a household); the excess becomes credit. */
  private ReconResult pay(BankTransaction t, List<OpenInvoice> invoices) {
    long left = t.amount();
    long due = 0;
    List<Application> applications = new ArrayList<>();
    for (OpenInvoice invoice : invoices) {
      long open = outstanding.get(invoice.invoiceId());
      due += open;
      long take = Math.min(open, left);
      if (take > 0) {
        outstanding.put(invoice.invoiceId(), open - take);
        applications.add(new Application(invoice.invoiceId(), take));
        left -= take;
      }
    }
    String creditStudent = invoices.get(0).studentCode();
    if (left > 0) {
      studentCredit.merge(creditStudent, left, Long::sum);
    }
    remember(t, applications, creditStudent, left);
    List<String> ids = invoices.stream().map(OpenInvoice::invoiceId).toList();
    long applied = t.amount() - left;
    if (due == 0) {
      return result(t, Outcome.OVERPAID, ids, 0, "already paid; " + left + " đ kept as the student's credit");
    }
    if (left > 0) {
      return result(t, Outcome.OVERPAID, ids, applied, left + " đ over what was due, kept as the student's credit");
    }
    if (applied < due) {
      return result(t, Outcome.PARTIAL, ids, applied, (due - applied) + " đ still due");
    }
    return result(t, Outcome.MATCHED, ids, applied, "paid in full");
  }

  private List<OpenInvoice> invoicesOf(PaymentReference r) {
    if (r.kind() == PaymentReference.Kind.INVOICE) {
      OpenInvoice invoice = byNumber.get(r.number());
      return invoice == null ? List.of() : List.of(invoice);
    }
    return byHousehold.getOrDefault(r.number(), List.of());
  }

  private void remember(BankTransaction t, List<Application> applications, String student, long credit) {
    creditsById.put(t.accountNumber() + "\u001f" + t.bankTxnId(), new Applied(applications, student, credit, false));
  }

  /** Alphanumeric runs of a text, upper-cased: how a bank writes another transaction's id in a memo. */
  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String token : text.toUpperCase().split("[^A-Z0-9]+")) {
      if (token.length() >= 6) {
        out.add(token);
      }
    }
    return out;
  }

  private static ReconResult result(BankTransaction t, Outcome outcome, List<String> ids, long applied, String reason) {
    return new ReconResult(t.bankTxnId(), outcome, ids, applied, reason);
  }
}
