package vn.lienlac.payment.invoice;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lienlac.payment.fee.Exemption;
import vn.lienlac.payment.fee.FeeItem;
import vn.lienlac.payment.fee.FeeRules;

/** Turns students, the batch's fee items and exemptions into invoices. Pure, so preview and issue agree by construction. */
public final class BatchPlanner {

  private BatchPlanner() {}

  /**
   * @param students the active students the batch covers, in a stable order
   * @param items the fee items the batch bills
   * @param optIns the voluntary items each student signed up for
   * @param exemptions each student's exemptions in force (not revoked)
   * @param periodLabel shown on every line, e.g. "Tháng 9/2026"
   * @param alreadyBilled the items each student already owes for this period on an invoice that is not
   *     cancelled ({@link #billedKey}): never billed twice, whatever batch key the second batch has
   */
  public static BatchPlan plan(List<BatchPlan.Student> students, List<FeeItem> items, Map<String, Set<Long>> optIns,
                               Map<String, List<Exemption>> exemptions, YearMonth month, String periodLabel,
                               Map<String, Set<Long>> alreadyBilled) {
    List<BatchPlan.Invoice> invoices = new ArrayList<>();
    List<String> exemptInFull = new ArrayList<>();
    for (BatchPlan.Student s : students) {
      List<BatchPlan.Line> lines = new ArrayList<>();
      long total = 0;
      LocalDate due = null;
      for (FeeItem item : items) {
        if (!FeeRules.applies(item, s.grade(), s.classCode(), optIns.getOrDefault(s.studentId(), Set.of()))
            || alreadyBilled.getOrDefault(s.studentId(), Set.of()).contains(item.id())) {
          continue;
        }
        LocalDate lineDue = FeeRules.dueDate(item, month);
        var exemption = FeeRules.best(item, lineDue, exemptions.getOrDefault(s.studentId(), List.of()));
        long discount = exemption.map(e -> FeeRules.discount(item.amount(), e)).orElse(0L);
        long amount = item.amount() - discount;
        lines.add(new BatchPlan.Line(item.id(), item.name() + " – " + periodLabel, item.amount(),
            exemption.map(Exemption::id).orElse(null), discount, amount, lineDue));
        total = Math.addExact(total, amount);
        due = due == null || lineDue.isBefore(due) ? lineDue : due;
      }
      if (lines.isEmpty()) {
        continue;
      }
      if (total == 0) {
        exemptInFull.add(s.studentId());
      } else {
        invoices.add(new BatchPlan.Invoice(s, lines, total, due));
      }
    }
    return new BatchPlan(invoices, exemptInFull);
  }
}
