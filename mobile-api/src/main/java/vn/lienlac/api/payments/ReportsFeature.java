package vn.lienlac.api.payments;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.payment.report.ReportTable;

/**
 * Collection reports as JSON, CSV or XLSX ({@code format}): the collection rate per class, school or
 * period for a school's accountant and principal (their school) and for district officers (per school of
 * their district: totals only, never a class or a student); what each student still owes, for the
 * school's accountant and principal. Cancelled invoices count nowhere; amounts are whole đồng.
 */
public final class ReportsFeature implements ApiFeature {

  /** Schools whose figures the caller may see: the finance school, or a district officer's schools. */
  static final String SCOPE = """
      , scope AS NOT MATERIALIZED (
        SELECT school_code FROM reach_finance_school
        UNION SELECT school_code FROM reach_school WHERE $1 = 'district_officer')
      """;
  static final String TOTALS = """
      count(*) AS invoices, count(*) FILTER (WHERE i.status = 'paid') AS paid_invoices,
      sum(i.amount_due) AS invoiced, sum(least(i.amount_paid, i.amount_due)) AS collected,
      sum(greatest(i.amount_due - i.amount_paid, 0)) AS outstanding""";
  private static final Reach.Query BY_CLASS = Reach.query(SCOPE + "SELECT i.school_code, i.class_code AS class_code, "
      + TOTALS + """
       FROM payment.invoice i JOIN scope USING (school_code)
      WHERE i.status <> 'cancelled' AND ($6::text IS NULL OR i.period_label = $6) AND $1 <> 'district_officer'
      GROUP BY i.school_code, i.class_code ORDER BY i.school_code, i.class_code""");
  private static final Reach.Query BY_SCHOOL = Reach.query(SCOPE + "SELECT i.school_code, " + TOTALS + """
       FROM payment.invoice i JOIN scope USING (school_code)
      WHERE i.status <> 'cancelled' AND ($6::text IS NULL OR i.period_label = $6)
      GROUP BY i.school_code ORDER BY i.school_code""");
  private static final Reach.Query BY_PERIOD = Reach.query(SCOPE + "SELECT i.school_code, i.period_label, " + TOTALS + """
       FROM payment.invoice i JOIN scope USING (school_code)
      WHERE i.status <> 'cancelled' AND ($6::text IS NULL OR i.period_label = $6)
      GROUP BY i.school_code, i.period_label ORDER BY i.school_code, min(i.due_date), i.period_label""");
  private static final Reach.Query OUTSTANDING = Reach.query("""
      SELECT i.student_id, s.full_name AS student_name, i.class_code, count(*) AS invoices,
             sum(i.amount_due - i.amount_paid) AS outstanding, min(i.due_date)::text AS oldest_due_date
        FROM payment.invoice i JOIN reach_finance_school rf ON rf.school_code = i.school_code
        LEFT JOIN directory.student s ON s.national_id = i.student_id
       WHERE i.status IN ('open', 'partially_paid') AND ($6::text IS NULL OR i.period_label = $6)
       GROUP BY i.student_id, s.full_name, i.class_code
       ORDER BY i.class_code, i.student_id""");

  private final Pool pool;

  public ReportsFeature(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("getCollectionReport").addHandler(this::collection);
    contract.getRoute("getOutstandingReport").addHandler(this::outstanding);
  }

  private void collection(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    boolean officer = caller.is(StaffRole.DISTRICT_OFFICER);
    String groupBy = ctx.queryParams().get("groupBy") == null ? (officer ? "school" : "class") : ctx.queryParams().get("groupBy");
    if (!officer && FinanceStaff.schoolOr404(ctx) == null) {
      return;
    }
    if (officer && "class".equals(groupBy)) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    Reach.Query query = switch (groupBy) {
      case "school" -> BY_SCHOOL;
      case "period" -> BY_PERIOD;
      default -> BY_CLASS;
    };
    List<String> keys = switch (groupBy) {
      case "school" -> List.of("school_code");
      case "period" -> List.of("school_code", "period_label");
      default -> List.of("school_code", "class_code");
    };
    List<String> columns = new ArrayList<>(keys);
    columns.addAll(List.of("invoices", "paid_invoices", "invoiced", "collected", "outstanding", "collection_rate"));
    pool.preparedQuery(query.sql(caller)).execute(Reach.params(caller, ctx.queryParams().get("periodLabel")))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rows) {
            JsonObject o = new JsonObject();
            keys.forEach(k -> o.put(k, r.getString(k)));
            long invoiced = r.getLong("invoiced");
            long collected = r.getLong("collected");
            o.put("invoices", r.getLong("invoices")).put("paid_invoices", r.getLong("paid_invoices"))
                .put("invoiced", invoiced).put("collected", collected).put("outstanding", r.getLong("outstanding"))
                .put("collection_rate", invoiced == 0 ? 0.0 : Math.round(1000.0 * collected / invoiced) / 10.0);
            out.add(o);
          }
          answer(ctx, new ReportTable("collection-by-" + groupBy, columns, out));
        });
  }

  private void outstanding(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (FinanceStaff.schoolOr404(ctx) == null) {
      return;
    }
    List<String> columns = List.of("student_id", "student_name", "class_code", "invoices", "outstanding", "oldest_due_date");
    pool.preparedQuery(OUTSTANDING.sql(caller)).execute(Reach.params(caller, ctx.queryParams().get("periodLabel")))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new JsonObject().put("student_id", r.getString("student_id")).put("student_name", r.getString("student_name"))
                .put("class_code", r.getString("class_code")).put("invoices", r.getLong("invoices"))
                .put("outstanding", r.getLong("outstanding")).put("oldest_due_date", r.getString("oldest_due_date")));
          }
          answer(ctx, new ReportTable("outstanding-by-student", columns, out));
        });
  }

  /** The table as JSON, CSV or XLSX ({@code format}); also the delivery cost report's. */
  public static void answer(RoutingContext ctx, ReportTable table) {
    String format = ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
    switch (format) {
      case "csv" -> ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
          .putHeader("content-disposition", "attachment; filename=\"" + table.name() + ".csv\"")
          .end(io.vertx.core.buffer.Buffer.buffer(table.csv()));
      case "xlsx" -> ctx.vertx().executeBlocking(table::xlsx, false)
          .onFailure(ctx::fail)
          .onSuccess(bytes -> ctx.response()
              .putHeader("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
              .putHeader("content-disposition", "attachment; filename=\"" + table.name() + ".xlsx\"")
              .end(io.vertx.core.buffer.Buffer.buffer(bytes)));
      default -> ctx.json(table.json());
    }
  }
}
