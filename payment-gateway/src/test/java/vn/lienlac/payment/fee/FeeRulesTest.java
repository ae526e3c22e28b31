package vn.lienlac.payment.fee;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.invoice.BatchPlan;
import vn.lienlac.payment.invoice.BatchPlanner;
import vn.lienlac.payment.invoice.Households;

class FeeRulesTest {

  static final FeeItem MEALS = new FeeItem(1, "Tiền ăn", 600_000, "per_month", List.of(), List.of(), true, 10);
  static final FeeItem CLUB = new FeeItem(2, "CLB bóng đá", 150_000, "per_month", List.of(6), List.of(), false, 15);
  static final FeeItem GRADE7 = new FeeItem(3, "Học phẩm lớp 7", 90_000, "one_off", List.of(7), List.of(), true, 5);
  static final YearMonth SEPT = YearMonth.of(2026, 9);

  @Test
  void an_item_applies_by_grade_class_and_for_voluntary_items_only_after_opting_in() {
    assertThat(FeeRules.applies(MEALS, 6, "6A1", Set.of())).isTrue();
    assertThat(FeeRules.applies(GRADE7, 6, "6A1", Set.of())).isFalse();
    assertThat(FeeRules.applies(CLUB, 6, "6A1", Set.of())).isFalse();
    assertThat(FeeRules.applies(CLUB, 6, "6A1", Set.of(2L))).isTrue();
    FeeItem onlyA2 = new FeeItem(4, "x", 1, "per_year", List.of(), List.of("6A2"), true, 1);
    assertThat(FeeRules.applies(onlyA2, 6, "6A1", Set.of())).isFalse();
  }

  @Test
  void the_due_date_is_the_due_day_of_the_billed_month() {
    assertThat(FeeRules.dueDate(MEALS, SEPT)).isEqualTo(LocalDate.of(2026, 9, 10));
  }

  @Test
  void a_percentage_is_rounded_down_and_a_fixed_amount_never_goes_below_zero() {
    Exemption half = new Exemption(1, "A", null, 50, null, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    Exemption fixed = new Exemption(2, "A", 1L, null, 1_000_000L, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    assertThat(FeeRules.discount(25_001, half)).isEqualTo(12_500);
    assertThat(FeeRules.discount(600_000, fixed)).isEqualTo(600_000);
  }

  @Test
  void exemptions_do_not_stack_the_largest_in_force_for_the_item_wins() {
    LocalDate due = LocalDate.of(2026, 9, 10);
    Exemption quarter = new Exemption(1, "A", null, 25, null, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 5, 31));
    Exemption expired = new Exemption(2, "A", 1L, 100, null, LocalDate.of(2025, 9, 1), LocalDate.of(2026, 5, 31));
    Exemption otherItem = new Exemption(3, "A", 2L, 100, null, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 5, 31));
    Exemption fixed = new Exemption(4, "A", 1L, null, 200_000L, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30));
    assertThat(FeeRules.best(MEALS, due, List.of(quarter, expired, otherItem, fixed))).contains(fixed);
    assertThat(FeeRules.best(MEALS, due, List.of(quarter, expired, otherItem))).contains(quarter);
    assertThat(FeeRules.best(MEALS, due, List.of(expired, otherItem))).isEmpty();
  }

  @Test
  void the_planner_itemises_applies_exemptions_and_skips_students_exempt_in_full() {
    var an = new BatchPlan.Student("ST1", "An", "6A1", 6);
    var binh = new BatchPlan.Student("ST2", "Bình", "7B1", 7);
    var free = new BatchPlan.Student("ST3", "Cường", "6A1", 6);
    Exemption all = new Exemption(9, "ST3", null, 100, null, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31));
    Exemption half = new Exemption(8, "ST2", 1L, 50, null, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31));
    BatchPlan plan = BatchPlanner.plan(List.of(an, binh, free), List.of(MEALS, CLUB, GRADE7),
        Map.of("ST1", Set.of(2L)), Map.of("ST3", List.of(all), "ST2", List.of(half)), SEPT, "Tháng 9/2026", Map.of());
    assertThat(plan.invoices()).extracting(i -> i.student().studentId()).containsExactly("ST1", "ST2");
    assertThat(plan.exemptInFull()).containsExactly("ST3");
    BatchPlan.Invoice first = plan.invoices().get(0);
    assertThat(first.total()).isEqualTo(750_000);
    assertThat(first.dueDate()).isEqualTo(LocalDate.of(2026, 9, 10));
    BatchPlan.Invoice second = plan.invoices().get(1);
    assertThat(second.lines()).extracting(BatchPlan.Line::amount).containsExactly(300_000L, 90_000L);
    assertThat(second.lines().get(0).exemptionId()).isEqualTo(8L);
    assertThat(second.dueDate()).isEqualTo(LocalDate.of(2026, 9, 5));
    assertThat(plan.total()).isEqualTo(1_140_000);
  }

  @Test
  void an_item_a_student_already_owes_for_the_period_is_not_billed_again() {
    var an = new BatchPlan.Student("ST1", "An", "6A1", 6);
    var binh = new BatchPlan.Student("ST2", "Bình", "6A2", 6);
    BatchPlan plan = BatchPlanner.plan(List.of(an, binh), List.of(MEALS), Map.of(), Map.of(), SEPT, "Tháng 9/2026",
        Map.of("ST1", Set.of(1L)));
    assertThat(plan.invoices()).extracting(i -> i.student().studentId()).containsExactly("ST2");
  }

  @Test
  void students_sharing_a_guardian_directly_or_through_a_chain_form_one_household() {
    var households = Households.of(new java.util.TreeMap<>(Map.of(
        "A", List.of(1L, 2L), "B", List.of(2L, 3L), "C", List.of(3L), "D", List.of(4L), "E", List.of())));
    assertThat(households).hasSize(1);
    assertThat(households.get(0).studentIds()).containsExactly("A", "B", "C");
    assertThat(households.get(0).guardianIds()).containsExactly(1L, 2L, 3L);
  }
}
