package vn.lienlac.payment.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.lienlac.payment.reference.PaymentReference;
import vn.lienlac.payment.reference.ReferenceFinder;

/**
 * The one rule deciding whether a credit may be applied without a person, shared by file mode
 * ({@link Reconciliation}) and the database engine ({@link CreditApplier}): the memo must carry exactly
 * one valid reference we issued (for the account that received the money), and that reference must
 * still have something outstanding. Everything else is queued: no reference, a reference whose check
 * character fails (the finder never returns those), two or more of our references, a reference of
 * another school or none at all, or one naming only paid or cancelled invoices (a second payment of a
 * paid invoice is more often a mistake than a gift; a person decides).
 */
public final class CreditRule {

  /** How the caller looks a reference up: the invoices it names (issued to this account), open or not. */
  @FunctionalInterface
  public interface References {
    /** Every invoice the reference names, empty when we did not issue it; household ones in any order. */
    List<Payable> invoicesOf(PaymentReference reference);
  }

  /** The decision for one credit. */
  public sealed interface Decision permits Pay, Queue {}

  /** Apply the credit to these invoices, in this order (earliest due first). */
  public record Pay(PaymentReference reference, List<Payable> invoices) implements Decision {}

  /** Leave it to a person; {@code named} holds the invoices the memo named, if any, as first suggestions. */
  public record Queue(String reason, List<String> named) implements Decision {}

  private static final Comparator<Payable> EARLIEST_DUE_FIRST = Comparator.comparing(Payable::dueDate)
      .thenComparing(p -> p.invoiceId().length()).thenComparing(Payable::invoiceId);

  private CreditRule() {}

  public static Decision decide(String memo, References references) {
    List<PaymentReference> found = ReferenceFinder.findAll(memo);
    if (found.isEmpty()) {
      return new Queue("no payment reference in the memo", List.of());
    }
    List<PaymentReference> ours = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    List<Payable> only = List.of();
    for (PaymentReference r : found) {
      List<Payable> invoices = references.invoicesOf(r);
      if (!invoices.isEmpty()) {
        ours.add(r);
        only = invoices;
        invoices.forEach(i -> named.add(i.invoiceId()));
      }
    }
    if (ours.isEmpty()) {
      return new Queue("reference " + found.get(0).text() + " was not issued for this account", List.of());
    }
    if (ours.size() > 1) {
      return new Queue("memo carries " + ours.size() + " different references", List.copyOf(named));
    }
    List<Payable> open = only.stream().filter(p -> p.outstanding() > 0).sorted(EARLIEST_DUE_FIRST).toList();
    if (open.isEmpty()) {
      return new Queue("reference " + ours.get(0).text() + " names nothing outstanding (paid or cancelled)",
          List.copyOf(named));
    }
    return new Pay(ours.get(0), open);
  }
}
