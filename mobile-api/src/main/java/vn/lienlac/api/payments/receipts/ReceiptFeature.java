package vn.lienlac.api.payments.receipts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import vn.lienlac.api.access.Reach;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.payment.receipt.ReceiptPdf;
import vn.lienlac.payment.receipt.ReceiptView;

/**
 * Receipts: {@code GET /api/v1/invoices/{id}/receipts} and {@code GET /api/v1/receipts/{id}.pdf} for the
 * invoice's guardians (their children, departed too) and the school's accountant and principal, through
 * the finance reach relations; and the public {@code GET /receipts/verify/{code}} (outside /api/v1, no
 * sign-in) behind the receipt's QR code, showing number, school, amount, date and the student's initials.
 */
public final class ReceiptFeature implements ApiFeature {

  public static final String VERIFY_PATH = "/receipts/verify/";

  private static final String IN_REACH = """
       (EXISTS (SELECT 1 FROM reach_finance_student rs WHERE rs.student_id = %1$s.student_id)
        OR EXISTS (SELECT 1 FROM reach_finance_school rf WHERE rf.school_code = %1$s.school_code))""";

  private static final Reach.Query OF_INVOICE = Reach.query("SELECT inv.id, " + ReceiptView.COLUMNS
      + " FROM payment.invoice inv LEFT JOIN (" + ReceiptView.FROM + ") ON r.invoice_id = inv.id"
      + " WHERE inv.id = $6 AND " + IN_REACH.formatted("inv") + " ORDER BY r.issued_at, r.id");

  private static final Reach.Query ONE = Reach.query("SELECT " + ReceiptView.COLUMNS + " FROM " + ReceiptView.FROM
      + " WHERE r.id = $6 AND " + IN_REACH.formatted("r"));

  private static final String BY_CODE = "SELECT " + ReceiptView.COLUMNS + " FROM " + ReceiptView.FROM
      + " WHERE r.verify_code = $1";

  private final Vertx vertx;
  private final Pool pool;

  public ReceiptFeature(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {
    contract.getRoute("listInvoiceReceipts").addHandler(this::ofInvoice);
    contract.getRoute("getReceiptPdf").addHandler(this::pdf);
  }

  @Override
  public void mountPublic(Router root) {
    root.get(VERIFY_PATH + ":code").handler(this::verify);
  }

  private void ofInvoice(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(OF_INVOICE.sql(caller)).execute(Reach.params(caller, Long.parseLong(ctx.pathParam("invoiceId"))))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            Problems.send(ctx, 404, "not-found");
            return;
          }
          JsonArray items = new JsonArray();
          for (Row r : rows) {
            if (r.getValue(1) != null) {
              items.add(ReceiptView.of(r, 1).json());
            }
          }
          ctx.json(new JsonObject().put("items", items));
        });
  }

  private void pdf(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String origin = origin(ctx);
    pool.preparedQuery(ONE.sql(caller)).execute(Reach.params(caller, Long.parseLong(ctx.pathParam("receiptFile").replace(".pdf", ""))))
        .onFailure(ctx::fail)
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            Problems.send(ctx, 404, "not-found");
            return;
          }
          ReceiptView receipt = ReceiptView.of(rows.iterator().next());
          vertx.executeBlocking(() -> ReceiptPdf.render(receipt, origin + VERIFY_PATH + receipt.verifyCode()), false)
              .onFailure(ctx::fail)
              .onSuccess(bytes -> ctx.response().putHeader("content-type", "application/pdf")
                  .putHeader("content-disposition", "inline; filename=\"bien-lai-" + receipt.number() + ".pdf\"")
                  .putHeader("cache-control", "private, no-store")
                  .end(io.vertx.core.buffer.Buffer.buffer(bytes)));
        });
  }

  private void verify(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (code == null || !code.matches("[0-9A-Z]{16}")) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    pool.preparedQuery(BY_CODE).execute(Tuple.of(code)).onFailure(ctx::fail).onSuccess(rows -> {
      if (rows.size() == 0) {
        Problems.send(ctx, 404, "not-found");
        return;
      }
      ctx.response().putHeader("cache-control", "no-store");
      ctx.json(ReceiptView.of(rows.iterator().next()).publicJson());
    });
  }

  /** The address the caller reached us at, so the QR code points back to the same public host. */
  private static String origin(RoutingContext ctx) {
    URI uri = URI.create(ctx.request().absoluteURI());
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
