package vn.lienlac.payment.fee;

import java.util.List;

/**
 * A fee a school charges in a school year, as the batch planner needs it.
 *
 * @param amount whole đồng per unit
 * @param unit {@code per_month}, {@code per_term}, {@code per_year} or {@code one_off}
 * @param grades grades it applies to; empty for every grade
 * @param classCodes classes it applies to; empty for every class of those grades
 * @param mandatory false for voluntary items, billed only to students who opted in
 * @param dueDay the day of the billed month by which it is due (1–28)
 */
public record FeeItem(long id, String name, long amount, String unit, List<Integer> grades, List<String> classCodes,
                      boolean mandatory, int dueDay) {

  public static final List<String> UNITS = List.of("per_month", "per_term", "per_year", "one_off");

  public FeeItem {
    grades = List.copyOf(grades);
    classCodes = List.copyOf(classCodes);
    if (amount <= 0) {
      throw new IllegalArgumentException("a fee item's amount must be at least 1 đồng, got " + amount);
    }
    if (!UNITS.contains(unit)) {
      throw new IllegalArgumentException("unit must be one of " + UNITS + ", got " + unit);
    }
    if (dueDay < 1 || dueDay > 28) {
      throw new IllegalArgumentException("due day must be 1–28 (every month has it), got " + dueDay);
    }
  }
}
