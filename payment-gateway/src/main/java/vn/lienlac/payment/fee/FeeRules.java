package vn.lienlac.payment.fee;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which fee items a student owes and how much after exemptions. Pure: the batch planner and its tests use it.
 *
 * <p>Decisions: exemptions do not stack; a line takes the one exemption that takes the most off it
 * (ties: the older exemption), because policy documents grant alternatives, not sums. A percentage is
 * rounded down to the đồng in the family's favour being never more than the document says: the
 * discount is {@code floor(base × percent / 100)}. A fixed amount never takes a line below 0.
 */
public final class FeeRules {

  private FeeRules() {}

  /** Whether the item is billed to a student of this grade and class who opted in to {@code optIns}. */
  public static boolean applies(FeeItem item, int grade, String classCode, Set<Long> optIns) {
    return (item.grades().isEmpty() || item.grades().contains(grade))
        && (item.classCodes().isEmpty() || item.classCodes().contains(classCode))
        && (item.mandatory() || optIns.contains(item.id()));
  }

  /** The day the item is due for the billed month. */
  public static LocalDate dueDate(FeeItem item, YearMonth month) {
    return month.atDay(item.dueDay());
  }

  /** What the exemption takes off a line of {@code base} đồng. */
  public static long discount(long base, Exemption e) {
    if (e.percent() != null) {
      return Math.multiplyExact(base, (long) e.percent()) / 100;
    }
    return Math.min(base, e.amount());
  }

  /** The exemption that takes the most off this item's line due on {@code due}, if any applies. */
  public static Optional<Exemption> best(FeeItem item, LocalDate due, List<Exemption> ofStudent) {
    Exemption best = null;
    long bestDiscount = 0;
    for (Exemption e : ofStudent) {
      boolean forItem = e.feeItemId() == null || e.feeItemId() == item.id();
      boolean inForce = !due.isBefore(e.validFrom()) && !due.isAfter(e.validTo());
      if (!forItem || !inForce) {
        continue;
      }
      long d = discount(item.amount(), e);
      if (d > bestDiscount || (d == bestDiscount && best != null && e.id() < best.id())) {
        best = e;
        bestDiscount = d;
      }
    }
    return Optional.ofNullable(best);
  }
}
