package vn.lienlac.api.payments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.audit.AuditActor;
import vn.lienlac.api.audit.AuditEntry;
import vn.lienlac.api.audit.AuditLog;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.api.v1.Cursor;
import vn.lienlac.api.v1.Page;
import vn.lienlac.payment.PaymentRefusal;
import vn.lienlac.payment.invoice.InvoiceAdjustments;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.qr.InvoiceQr;
import vn.lienlac.payment.qr.QrImages;

/**
 * Invoices as guardians see them (their children's, departed children's past ones included, through
 * {@code reach_finance_student}) and as the school's accountant and principal see them
 * ({@code reach_finance_school}): lists, detail with lines, credit notes and the VietQR that pays what is
 * still owed, the QR as PNG and SVG; and the staff's cancel and credit note.
 */
public final class InvoicesFeature implements ApiFeature {

  private static final Cursor INVOICES = Cursor.of("invoices", Long.class);
  /** Invoices in the caller's reach: one branch is empty for every caller. */
  static final String VISIBLE = """
      , visible AS NOT MATERIALIZED (
        SELECT i.* FROM payment.invoice i WHERE i.student_id IN (SELECT student_id FROM reach_finance_student)
        UNION ALL
        SELECT i.* FROM payment.invoice i WHERE i.school_code IN (SELECT school_code FROM reach_finance_school))
      """;
  /**
   * The household reference pays every invoice of the household, so it is shown only to callers who
   * reach all of them: a guardian linked to some of the children only (a step-parent) pays by invoice.
   */
  static final String WHOLE_HOUSEHOLD = """
      NOT EXISTS (SELECT 1 FROM payment.invoice h WHERE h.household_reference = v.household_reference
                   AND h.id NOT IN (SELECT id FROM visible))""";
  static final String SUMMARY = """
      json_build_object('id', v.id, 'studentId', v.student_id, 'studentName', s.full_name, 'schoolCode', v.school_code,
        'classCode', v.class_code, 'batchId', v.batch_id, 'periodLabel', v.period_label, 'reference', v.reference,
        'householdReference', CASE WHEN %s THEN v.household_reference END, 'amountDue', v.amount_due, 'amountPaid', v.amount_paid,
        'outstanding', CASE WHEN v.status = 'cancelled' THEN 0 ELSE v.amount_due - v.amount_paid END,
        'credited', v.credited, 'dueDate', v.due_date, 'status', v.status, 'issuedAt', v.issued_at,
        'cancelledAt', v.cancelled_at, 'cancelReason', v.cancel_reason)""".formatted(WHOLE_HOUSEHOLD);
  private static final Reach.Query LIST = Reach.query(VISIBLE + "SELECT v.id, " + SUMMARY + """
       AS invoice FROM visible v LEFT JOIN directory.student s ON s.national_id = v.student_id
       WHERE ($6::text IS NULL OR v.student_id = $6) AND ($7::text IS NULL OR v.status = $7)
         AND ($8::bigint IS NULL OR v.batch_id = $8) AND ($9::text IS NULL OR v.reference = upper($9))
         AND ($10::bigint IS NULL OR v.id < $10)
       ORDER BY v.id DESC LIMIT $11""");
  private static final Reach.Query ONE = Reach.query(VISIBLE + "SELECT " + SUMMARY + """
       AS invoice,
        (SELECT coalesce(json_agg(json_build_object('lineNo', l.line_no, 'feeItemId', l.fee_item_id,
                  'description', l.description, 'baseAmount', l.base_amount, 'exemptionId', l.exemption_id,
                  'discount', l.discount, 'amount', l.amount, 'dueDate', l.due_date) ORDER BY l.line_no), '[]'::json)
           FROM payment.invoice_line l WHERE l.invoice_id = v.id) AS lines,
        (SELECT coalesce(json_agg(json_build_object('id', n.id, 'amount', n.amount, 'reason', n.reason,
                  'createdAt', n.created_at) ORDER BY n.id), '[]'::json)
           FROM payment.credit_note n WHERE n.invoice_id = v.id) AS credit_notes,
        CASE WHEN %s THEN
          (SELECT sum(h.amount_due - h.amount_paid) FROM payment.invoice h
            WHERE h.household_reference = v.household_reference AND h.status IN ('open', 'partially_paid')) END
          AS household_outstanding,
        CASE WHEN a.school_code IS NULL OR a.bin IS NULL THEN NULL ELSE json_build_object('bin', a.bin, 'accountNumber', a.account_number,
          'bankName', a.bank_name, 'accountHolder', a.account_holder) END AS account
        FROM visible v LEFT JOIN directory.student s ON s.national_id = v.student_id
        LEFT JOIN payment.collection_account a ON a.school_code = v.school_code
       WHERE v.id = $6""".formatted(WHOLE_HOUSEHOLD));

  /** Guardians with a standing link to the invoice's student, in id order (the order events are published in). */
  static final String GUARDIANS_OF_INVOICE = """
      SELECT gs.guardian_id FROM payment.invoice i
        JOIN directory.guardian_student gs ON gs.student_id = i.student_id AND gs.removed_at IS NULL
        JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
       WHERE i.id = $1 ORDER BY gs.guardian_id""";

  private final Pool pool;
  private final AuditLog audit;
  private final InvoiceEvents events;
  private final InvoiceAdjustments adjustments = new InvoiceAdjustments(Ledger.create());

  public InvoicesFeature(Pool pool, AuditLog audit, InvoiceEvents events) {
    this.pool = pool;
    this.audit = audit;
    this.events = events;
  }

  /** Tells the student's guardians' apps, in the adjusting transaction, that the invoice changed. */
  private Future<Void> announce(SqlConnection tx, long invoiceId, String change) {
    return tx.preparedQuery(GUARDIANS_OF_INVOICE).execute(Tuple.of(invoiceId)).compose(rows -> {
      Future<?> chain = Future.succeededFuture();
      for (Row r : rows) {
        long guardian = r.getLong("guardian_id");
        chain = chain.compose(v -> events.publish(tx, "g:" + guardian, InvoiceEvents.INVOICE_UPDATED,
            new JsonObject().put("invoiceIds", new io.vertx.core.json.JsonArray().add(invoiceId)).put("change", change)));
      }
      return chain.mapEmpty();
    });
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("listInvoices").addHandler(this::list);
    contract.getRoute("getInvoice").addHandler(ctx -> detail(ctx).onSuccess(ctx::json).onFailure(e -> FinanceStaff.fail(ctx, e)));
    contract.getRoute("getInvoiceQrPng").addHandler(ctx -> qr(ctx, "image/png"));
    contract.getRoute("getInvoiceQrSvg").addHandler(ctx -> qr(ctx, "image/svg+xml"));
    contract.getRoute("cancelInvoice").addHandler(this::cancel);
    contract.getRoute("createCreditNote").addHandler(this::creditNote);
  }

  private void list(RoutingContext ctx) {
    Page.Request page;
    try {
      page = Page.request(ctx, INVOICES);
    } catch (Page.Invalid e) {
      e.answer(ctx);
      return;
    }
    Caller caller = Caller.of(ctx);
    var q = ctx.queryParams();
    Long batch = q.get("batchId") == null ? null : Long.valueOf(q.get("batchId"));
    pool.preparedQuery(LIST.sql(caller)).execute(Reach.params(caller, given(q.get("studentId")), given(q.get("status")), batch,
            given(q.get("reference")), page.after(0), page.fetch()))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          List<Row> fetched = new ArrayList<>();
          rows.forEach(fetched::add);
          Page.answer(ctx, page, INVOICES, fetched, r -> r.getJsonObject("invoice"), r -> new Object[] {r.getLong("id")});
        });
  }

  /** An empty filter filters nothing. */
  private static String given(String param) {
    return param == null || param.isBlank() ? null : param.strip();
  }

  /** The invoice in reach with its lines, credit notes and, while something is owed, how to pay it. */
  private Future<JsonObject> detail(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    return pool.preparedQuery(ONE.sql(caller)).execute(Reach.params(caller, FinanceStaff.id(ctx, "invoiceId"))).map(rows -> {
      if (rows.size() == 0) {
        throw PaymentRefusal.notFound();
      }
      Row r = rows.iterator().next();
      JsonObject invoice = r.getJsonObject("invoice");
      invoice.put("lines", r.getJsonArray("lines")).put("creditNotes", r.getJsonArray("credit_notes"))
          .put("householdOutstanding", r.getLong("household_outstanding"));
      JsonObject account = r.getJsonObject("account");
      long outstanding = invoice.getLong("outstanding");
      if (account != null && outstanding > 0) {
        invoice.put("vietqr", InvoiceQr.payload(account, outstanding, invoice.getString("reference")))
            .put("transfer", account.copy().put("amount", outstanding).put("memo", invoice.getString("reference"))
                .put("text", InvoiceQr.transferText(account, outstanding, invoice.getString("reference"))));
      } else {
        invoice.putNull("vietqr").putNull("transfer");
      }
      return invoice;
    });
  }

  private void qr(RoutingContext ctx, String mediaType) {
    detail(ctx).compose(invoice -> {
      String payload = invoice.getString("vietqr");
      if (payload == null) {
        return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.CONFLICT, "invoice-qr-unavailable",
            "nothing is owed on this invoice, or the school has no collection account yet"));
      }
      return ctx.vertx().executeBlocking(() -> mediaType.equals("image/png")
          ? io.vertx.core.buffer.Buffer.buffer(QrImages.png(payload, 8))
          : io.vertx.core.buffer.Buffer.buffer(QrImages.svg(payload)), false);
    }).onSuccess(image -> ctx.response().putHeader("content-type", mediaType)
            .putHeader("cache-control", "private, no-store").end(image))
        .onFailure(e -> FinanceStaff.fail(ctx, e));
  }

  private void cancel(RoutingContext ctx) {
    String school = FinanceStaff.schoolOr404(ctx);
    if (school == null) {
      return;
    }
    long id = FinanceStaff.id(ctx, "invoiceId");
    String reason = ctx.body().asJsonObject().getString("reason");
    pool.withTransaction(tx -> adjustments.cancel(tx, school, id, reason).compose(c ->
            audit.record(tx, AuditEntry.of(AuditActor.of(ctx), "invoice.cancelled", "invoice", String.valueOf(id))
                .change(c.getJsonObject("before"), c.getJsonObject("after")))
            .compose(a -> announce(tx, id, "cancelled"))))
        .compose(v -> detail(ctx))
        .onSuccess(ctx::json)
        .onFailure(e -> FinanceStaff.fail(ctx, e));
  }

  private void creditNote(RoutingContext ctx) {
    String school = FinanceStaff.schoolOr404(ctx);
    if (school == null) {
      return;
    }
    long id = FinanceStaff.id(ctx, "invoiceId");
    JsonObject body = ctx.body().asJsonObject();
    pool.withTransaction(tx -> adjustments.creditNote(tx, school, id, body.getLong("amount"), body.getString("reason"),
                Caller.of(ctx).subject())
            .compose(c -> audit.record(tx, AuditEntry.of(AuditActor.of(ctx), "invoice.credit_note", "invoice",
                String.valueOf(id)).change(c.getJsonObject("before"), c.getJsonObject("after")))
                .compose(a -> announce(tx, id, "credit_note"))))
        .compose(v -> detail(ctx))
        .onSuccess(invoice -> ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
            .end(invoice.encode()))
        .onFailure(e -> FinanceStaff.fail(ctx, e));
  }

}
