package vn.lienlac.payment.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * How a credit is split over the invoices a reference names, in their order: each takes what it still
 * owes until the money runs out; what is left over becomes the credit of the first invoice's student
 * (for a household, the child whose invoice was due first: one owner, chosen the same way every time,
 * shown to the accountant, who can move it by undoing and matching manually).
 */
public record Allocation(List<Part> parts, String creditStudent, long excess, long due) {

  /** Money for one invoice. */
  public record Part(String invoiceId, String studentId, long amount) {}

  public static Allocation of(long amount, List<Payable> invoices) {
    if (invoices.isEmpty()) {
      throw new IllegalArgumentException("nothing to allocate to");
    }
    long left = amount;
    long due = 0;
    List<Part> parts = new ArrayList<>();
    for (Payable p : invoices) {
      due += p.outstanding();
      long take = Math.min(p.outstanding(), left);
      if (take > 0) {
        parts.add(new Part(p.invoiceId(), p.studentId(), take));
        left -= take;
      }
    }
    return new Allocation(List.copyOf(parts), invoices.get(0).studentId(), left, due);
  }

  public long applied() {
    return parts.stream().mapToLong(Part::amount).sum();
  }

  /** Matched, partial or overpaid, and why in words (the {@code reason} column). */
  public Outcome outcome() {
    if (excess > 0) {
      return Outcome.OVERPAID;
    }
    return applied() < due ? Outcome.PARTIAL : Outcome.MATCHED;
  }

  public String reason() {
    return switch (outcome()) {
      case OVERPAID -> excess + " đ over what was due, kept as the student's credit";
      case PARTIAL -> (due - applied()) + " đ still due";
      default -> "paid in full";
    };
  }
}
