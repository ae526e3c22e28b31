package vn.lienlac.api.payments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.api.v1.Cursor;
import vn.lienlac.api.v1.Page;
import vn.lienlac.payment.PaymentRefusal;
import vn.lienlac.payment.invoice.BatchRequest;
import vn.lienlac.payment.invoice.InvoiceBatches;
import vn.lienlac.payment.ledger.Ledger;

/**
 * Invoice batches: preview, issue (idempotent by {@code batchKey}, or the {@code Idempotency-Key} header
 * when the body has none), list and detail, for the school's accountant and principal. Issuing writes the
 * audit entry and one {@code invoice.updated} event per guardian in the issuing transaction.
 */
public final class InvoiceBatchesFeature implements ApiFeature {

  private static final Cursor BATCHES = Cursor.of("invoice-batches", Long.class);
  static final String BATCH_JSON = """
      json_build_object('id', b.id, 'batchKey', b.batch_key, 'periodLabel', b.period_label,
        'periodMonth', to_char(b.period_month, 'YYYY-MM'), 'feeItemIds', b.fee_item_ids, 'classCodes', b.class_codes,
        'grades', b.grades, 'invoiceCount', b.invoice_count, 'totalAmount', b.total_amount, 'creditUsed', b.credit_used,
        'issuedAt', b.issued_at, 'issuedBy', b.issued_by)""";
  private static final Reach.Query LIST = Reach.query("SELECT b.id, " + BATCH_JSON + """
       AS batch FROM payment.invoice_batch b JOIN reach_finance_school rf ON rf.school_code = b.school_code
       WHERE ($6::bigint IS NULL OR b.id < $6) ORDER BY b.id DESC LIMIT $7""");
  private static final Reach.Query ONE = Reach.query("SELECT " + BATCH_JSON + """
       AS batch,
        (SELECT json_build_object('open', count(*) FILTER (WHERE i.status = 'open'),
                  'partiallyPaid', count(*) FILTER (WHERE i.status = 'partially_paid'),
                  'paid', count(*) FILTER (WHERE i.status = 'paid'), 'cancelled', count(*) FILTER (WHERE i.status = 'cancelled'),
                  'amountDue', coalesce(sum(i.amount_due) FILTER (WHERE i.status <> 'cancelled'), 0),
                  'amountPaid', coalesce(sum(i.amount_paid) FILTER (WHERE i.status <> 'cancelled'), 0),
                  'households', (SELECT count(*) FROM payment.household h WHERE h.batch_id = b.id))
           FROM payment.invoice i WHERE i.batch_id = b.id) AS summary
        FROM payment.invoice_batch b JOIN reach_finance_school rf ON rf.school_code = b.school_code
       WHERE b.id = $6""");

  private final Pool pool;
  private final AuditLog audit;
  private final InvoiceEvents events;
  private final InvoiceBatches batches = new InvoiceBatches(Ledger.create());

  public InvoiceBatchesFeature(Pool pool, AuditLog audit, InvoiceEvents events) {
    this.pool = pool;
    this.audit = audit;
    this.events = events;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("previewInvoiceBatch").addHandler(this::preview);
    contract.getRoute("issueInvoiceBatch").addHandler(this::issue);
    contract.getRoute("listInvoiceBatches").addHandler(this::list);
    contract.getRoute("getInvoiceBatch").addHandler(this::one);
  }

  private void preview(RoutingContext ctx) {
    String school = FinanceStaff.schoolOr404(ctx);
    if (school == null) {
      return;
    }
    BatchRequest request = request(ctx, school, "preview");
    batches.preview(pool, request).onSuccess(plan -> ctx.json(plan.toJson()))
        .onFailure(e -> FinanceStaff.fail(ctx, e));
  }

  private void issue(RoutingContext ctx) {
    String school = FinanceStaff.schoolOr404(ctx);
    if (school == null) {
      return;
    }
    String key = ctx.body().asJsonObject().getString("batchKey", ctx.request().getHeader("Idempotency-Key"));
    if (key == null || key.isBlank()) {
      Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors", new JsonArray().add(new JsonObject()
          .put("field", "/batchKey").put("reason", "batchKey (or the Idempotency-Key header) names the batch so it issues once"))));
      return;
    }
    BatchRequest request = request(ctx, school, key);
    Caller caller = Caller.of(ctx);
    pool.withTransaction(tx -> batches.issue(tx, request, caller.subject()).compose(issued -> issued.replayed()
            ? Future.succeededFuture(issued)
            : audit.record(tx, AuditEntry.of(AuditActor.of(ctx), "invoice_batch.issued", "invoice_batch",
                    String.valueOf(issued.batchId())).change(null, new JsonObject().put("batchKey", key)
                    .put("periodLabel", request.periodLabel()).put("invoiceCount", issued.invoiceCount())
                    .put("totalAmount", issued.totalAmount()).put("creditUsed", issued.creditUsed())))
                .compose(a -> announce(tx, issued.batchId(), issued.guardians()))
                .map(issued)))
        .onSuccess(issued -> ctx.response().setStatusCode(issued.replayed() ? 200 : 201)
            .putHeader("content-type", "application/json")
            .end(new JsonObject().put("id", issued.batchId()).put("replayed", issued.replayed())
                .put("invoiceCount", issued.invoiceCount()).put("totalAmount", issued.totalAmount())
                .put("creditUsed", issued.creditUsed()).encode()))
        .onFailure(e -> FinanceStaff.fail(ctx, e));
  }

  /** One event per guardian, in guardian order (the realtime counters are locked in that order). */
  private Future<Void> announce(SqlConnection tx, long batchId, Map<Long, List<Long>> guardians) {
    Future<?> chain = Future.succeededFuture();
    for (Map.Entry<Long, List<Long>> g : guardians.entrySet()) {
      chain = chain.compose(v -> events.publish(tx, "g:" + g.getKey(), InvoiceEvents.INVOICE_UPDATED,
          new JsonObject().put("batchId", batchId).put("invoiceIds", new JsonArray(new ArrayList<>(g.getValue())))
              .put("change", "issued")));
    }
    return chain.mapEmpty();
  }

  private static BatchRequest request(RoutingContext ctx, String school, String key) {
    JsonObject b = ctx.body().asJsonObject();
    return new BatchRequest(school, key, b.getString("periodLabel"), YearMonth.parse(b.getString("periodMonth")),
        b.getJsonArray("feeItemIds").stream().map(x -> ((Number) x).longValue()).toList(),
        b.getJsonArray("classCodes", new JsonArray()).stream().map(String.class::cast).toList(),
        b.getJsonArray("grades", new JsonArray()).stream().map(x -> ((Number) x).intValue()).toList());
  }

  private void list(RoutingContext ctx) {
    if (FinanceStaff.schoolOr404(ctx) == null) {
      return;
    }
    Page.Request page;
    try {
      page = Page.request(ctx, BATCHES);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(LIST.sql(caller)).execute(Reach.params(caller, page.after(0), page.fetch()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          List<Row> fetched = new ArrayList<>();
          rows.forEach(fetched::add);
          Page.answer(ctx, page, BATCHES, fetched, r -> r.getJsonObject("batch"), r -> new Object[] {r.getLong("id")});
        });
  }

  private void one(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(ONE.sql(caller)).execute(Reach.params(caller, FinanceStaff.id(ctx, "batchId")))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            FinanceStaff.fail(ctx, PaymentRefusal.notFound());
            return;
          }
          Row r = rows.iterator().next();
          ctx.json(r.getJsonObject("batch").put("summary", r.getJsonObject("summary")));
        });
  }
}
