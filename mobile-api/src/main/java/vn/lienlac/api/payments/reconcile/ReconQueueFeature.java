package vn.lienlac.api.payments.reconcile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.api.v1.Cursor;
import vn.lienlac.api.v1.Page;
import vn.lienlac.payment.reconcile.DailyReport;

/**
 * The accountant's views: {@code GET /payments/queue} (credits waiting, oldest first, with ranked
 * suggestions) and {@code GET /payments/reports/daily} (JSON or CSV). Only the school's accountant and
 * principal; the school is the caller's and is a condition of every query.
 */
public final class ReconQueueFeature implements ApiFeature {

  static final Cursor CURSOR = Cursor.of("recon-queue", Long.class, Long.class);

  private static final String QUEUE = """
      SELECT b.id, b.bank_txn_id, b.booked_at, b.amount, b.memo, b.payer_name, b.recon_state, n.reason,
             coalesce((SELECT json_agg(json_build_object('rank', s.rank, 'invoiceId', s.invoice_id::text, 'why', s.why,
                        'studentName', st.full_name, 'periodLabel', i.period_label,
                        'outstanding', i.amount_due - i.amount_paid) ORDER BY s.rank)
                       FROM payment.recon_suggestion s JOIN payment.invoice i ON i.id = s.invoice_id
                       LEFT JOIN directory.student st ON st.national_id = i.student_id
                       WHERE s.bank_transaction_id = b.id), '[]'::json)
      FROM payment.collection_account a
      JOIN payment.bank_transaction b ON b.account_number = a.account_number
      LEFT JOIN payment.recon_queue_note n ON n.bank_transaction_id = b.id
      WHERE a.school_code = $1 AND b.direction = 'C' AND b.recon_state IN ('suggested', 'unmatched')
        AND ($2::timestamptz IS NULL OR (b.booked_at, b.id) > ($2, $3::bigint))
      ORDER BY b.booked_at, b.id LIMIT $4""";

  private final Pool pool;

  public ReconQueueFeature(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("listReconQueue").addHandler(this::list);
    contract.getRoute("getReconDailyReport").addHandler(this::daily);
  }

  private void list(RoutingContext ctx) {
    String school = FinanceStaff.schoolOf(Caller.of(ctx));
    if (school == null) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    Page.Request page;
    try {
      page = Page.request(ctx, CURSOR);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    Long after = (Long) page.after(0);
    pool.preparedQuery(QUEUE).execute(Tuple.of(school,
            after == null ? null : Instant.EPOCH.plus(after, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC), page.after(1),
            page.fetch()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          List<Row> fetched = new ArrayList<>();
          rows.forEach(fetched::add);
          Page.answer(ctx, page, CURSOR, fetched, ReconQueueFeature::item,
              r -> new Object[] {ChronoUnit.MICROS.between(Instant.EPOCH, r.getOffsetDateTime(2).toInstant()), r.getLong(0)});
        });
  }

  private static JsonObject item(Row r) {
    Object suggestions = r.getValue(8);
    return new JsonObject().put("id", Long.toString(r.getLong(0))).put("bankTxnId", r.getString(1))
        .put("bookedAt", r.getOffsetDateTime(2).toInstant().toString()).put("amount", r.getLong(3))
        .put("memo", r.getString(4)).put("payerName", r.getString(5)).put("state", r.getString(6))
        .put("reason", r.getString(7))
        .put("suggestions", suggestions instanceof JsonArray a ? a : new JsonArray(String.valueOf(suggestions)));
  }

  private void daily(RoutingContext ctx) {
    String school = FinanceStaff.schoolOf(Caller.of(ctx));
    if (school == null) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(ctx.queryParams().get("from"));
      to = LocalDate.parse(ctx.queryParams().get("to"));
    } catch (DateTimeParseException | NullPointerException e) {
      Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors", new JsonArray()
          .add(new JsonObject().put("field", "from").put("reason", "from and to must be dates such as 2026-09-01"))));
      return;
    }
    if (to.isBefore(from) || from.plusDays(366).isBefore(to)) {
      Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors", new JsonArray()
          .add(new JsonObject().put("field", "to").put("reason", "to must be on or after from, at most a year later"))));
      return;
    }
    boolean csv = "csv".equals(ctx.queryParams().get("format"));
    DailyReport.of(pool, school, from, to).onFailure(ctx::fail).onSuccess(days -> {
      if (csv) {
        StringBuilder out = new StringBuilder(DailyReport.Day.CSV_HEADER).append("\r\n");
        days.forEach(d -> out.append(d.toCsv()).append("\r\n"));
        ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
            .putHeader("content-disposition", "attachment; filename=\"doi-soat-" + from + "-" + to + ".csv\"")
            .end(out.toString());
        return;
      }
      JsonArray items = new JsonArray();
      days.forEach(d -> items.add(d.toJson()));
      ctx.json(new JsonObject().put("items", items));
    });
  }
}
