package vn.lienlac.payment.invoice;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lienlac.payment.PaymentRefusal;
import vn.lienlac.payment.fee.Exemption;
import vn.lienlac.payment.fee.FeeItem;

/** Reads what {@link BatchPlanner} needs for a request: items, active students, sign-ups, exemptions. */
final class BatchInputs {

  static final String ITEMS = """
      SELECT id, name, amount, unit, grades, class_codes, mandatory, due_day FROM payment.fee_item
       WHERE school_code = $1 AND id = ANY($2::bigint[]) AND retired_at IS NULL ORDER BY id""";
  static final String UNKNOWN_CLASSES = """
      SELECT array_agg(c) FROM unnest($2::text[]) c
       WHERE NOT EXISTS (SELECT 1 FROM directory.school_class k WHERE k.code = c AND k.school_code = $1 AND k.removed_at IS NULL)""";
  /** Active students only: departed ones are never billed again. */
  static final String STUDENTS = """
      SELECT s.national_id, s.full_name, s.class_code, c.grade::int AS grade
        FROM directory.school_class c
        JOIN directory.student s ON s.class_code = c.code AND s.active
       WHERE c.school_code = $1 AND c.removed_at IS NULL
         AND (cardinality($2::text[]) = 0 OR c.code = ANY($2::text[]))
         AND (cardinality($3::int[]) = 0 OR c.grade = ANY($3::int[]))
       ORDER BY c.code, s.national_id""";
  static final String OPT_INS = "SELECT student_id, fee_item_id FROM payment.fee_opt_in WHERE fee_item_id = ANY($1::bigint[])";
  static final String EXEMPTIONS = """
      SELECT id, student_id, fee_item_id, percent::int AS percent, amount, valid_from, valid_to FROM payment.exemption
       WHERE school_code = $1 AND revoked_at IS NULL""";

  /**
   * Lines of invoices not cancelled that already bill these items for the period: monthly and termly
   * items for the same month, yearly and one-off items at all.
   */
  static final String ALREADY_BILLED = """
      SELECT i.student_id, l.fee_item_id FROM payment.invoice_line l
        JOIN payment.invoice i ON i.id = l.invoice_id AND i.status <> 'cancelled'
        JOIN payment.fee_item f ON f.id = l.fee_item_id
       WHERE i.school_code = $1 AND l.fee_item_id = ANY($2::bigint[])
         AND (f.unit IN ('per_year', 'one_off') OR date_trunc('month', l.due_date) = $3::date)""";

  private BatchInputs() {}

  static Future<BatchPlan> plan(SqlClient c, BatchRequest r) {
    Long[] itemIds = r.feeItemIds().toArray(Long[]::new);
    return c.preparedQuery(ITEMS).execute(Tuple.of(r.schoolCode(), (Object) itemIds)).compose(itemRows -> {
      List<FeeItem> items = new ArrayList<>();
      for (Row row : itemRows) {
        items.add(new FeeItem(row.getLong("id"), row.getString("name"), row.getLong("amount"), row.getString("unit"),
            List.of(row.getArrayOfIntegers("grades")), List.of(row.getArrayOfStrings("class_codes")),
            row.getBoolean("mandatory"), row.getInteger("due_day")));
      }
      Set<Long> found = new HashSet<>();
      items.forEach(i -> found.add(i.id()));
      List<Long> missing = r.feeItemIds().stream().filter(id -> !found.contains(id)).distinct().toList();
      if (!missing.isEmpty()) {
        return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID, "fee-item-unknown",
            "no current fee items " + missing + " at this school"));
      }
      return c.preparedQuery(UNKNOWN_CLASSES).execute(Tuple.of(r.schoolCode(), (Object) r.classCodes().toArray(String[]::new)))
          .compose(unknown -> {
            String[] bad = unknown.iterator().next().getArrayOfStrings(0);
            if (bad != null) {
              return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID, "class-unknown",
                  "not classes of this school: " + String.join(", ", bad)));
            }
            return c.preparedQuery(STUDENTS).execute(Tuple.of(r.schoolCode(), r.classCodes().toArray(String[]::new),
                r.grades().toArray(Integer[]::new)));
          })
          .compose(studentRows -> {
            List<BatchPlan.Student> students = new ArrayList<>();
            for (Row row : studentRows) {
              students.add(new BatchPlan.Student(row.getString("national_id"), row.getString("full_name"),
                  row.getString("class_code"), row.getInteger("grade")));
            }
            return c.preparedQuery(OPT_INS).execute(Tuple.of((Object) itemIds)).compose(optRows -> {
              Map<String, Set<Long>> optIns = new HashMap<>();
              optRows.forEach(o -> optIns.computeIfAbsent(o.getString("student_id"), k -> new HashSet<>()).add(o.getLong("fee_item_id")));
              Map<String, List<Exemption>> exemptions = new HashMap<>();
              return c.preparedQuery(EXEMPTIONS).execute(Tuple.of(r.schoolCode())).compose(exRows -> {
                for (Row e : exRows) {
                  exemptions.computeIfAbsent(e.getString("student_id"), k -> new ArrayList<>()).add(new Exemption(
                      e.getLong("id"), e.getString("student_id"), e.getLong("fee_item_id"), e.getInteger("percent"),
                      e.getLong("amount"), e.getLocalDate("valid_from"), e.getLocalDate("valid_to")));
                }
                return c.preparedQuery(ALREADY_BILLED).execute(Tuple.of(r.schoolCode(), itemIds, r.month().atDay(1)));
              }).map(billedRows -> {
                Map<String, Set<Long>> billed = new HashMap<>();
                billedRows.forEach(b -> billed.computeIfAbsent(b.getString("student_id"), k -> new HashSet<>()).add(b.getLong("fee_item_id")));
                return BatchPlanner.plan(students, items, optIns, exemptions, r.month(), r.periodLabel(), billed);
              });
            });
          });
    });
  }
}
