package vn.lienlac.api.payments;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;
import vn.lienlac.payment.qr.PayPage;
import vn.lienlac.payment.qr.QrImages;

/**
 * The public payment page an invoice reminder links to: {@code GET /pay/{reference}} (HTML with the VietQR
 * inline as SVG, Vietnamese, or English with {@code Accept-Language: en} or {@code ?lang=en}) and
 * {@code GET /pay/{reference}.png} (the QR alone). Outside /api/v1 and without sign-in, like receipt
 * verification: whoever holds the link may pay, so the page shows no student or guardian names (see
 * {@link PayPage}), only what the bank app shows after scanning anyway. A reference whose check characters
 * fail, an unknown one and a cancelled invoice's are all the same 404. Never cached: the amount changes
 * as payments arrive.
 */
public final class PayPageFeature implements ApiFeature {

  private static final String PNG = ".png";

  private final Pool pool;

  public PayPageFeature(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(RouterBuilder contract) {}

  @Override
  public void mountPublic(Router root) {
    root.get(PayPage.PATH + ":reference").handler(this::answer);
  }

  private void answer(RoutingContext ctx) {
    String reference = ctx.pathParam("reference");
    boolean png = reference.endsWith(PNG);
    PayPage.find(pool, png ? reference.substring(0, reference.length() - PNG.length()) : reference)
        .onFailure(ctx::fail)
        .onSuccess(found -> {
          ctx.response().putHeader("cache-control", "no-store");
          if (png) {
            image(ctx, found.filter(PayPage::payable).orElse(null), found.isPresent());
          } else {
            page(ctx, found.orElse(null));
          }
        });
  }

  private void page(RoutingContext ctx, PayPage page) {
    PayPageHtml html = new PayPageHtml("en".equalsIgnoreCase(ctx.queryParams().get("lang")) || Problems.prefersEnglish(ctx));
    ctx.response().putHeader("content-type", "text/html; charset=utf-8").putHeader("content-language", html.language());
    if (page == null) {
      ctx.response().setStatusCode(404).end(html.notFound());
      return;
    }
    if (!page.payable()) {
      ctx.response().end(html.page(page, null));
      return;
    }
    ctx.vertx().executeBlocking(() -> html.page(page, QrImages.svg(page.vietQr())), false)
        .onFailure(ctx::fail)
        .onSuccess(ctx.response()::end);
  }

  private void image(RoutingContext ctx, PayPage payable, boolean exists) {
    if (payable == null) {
      Problems.send(ctx, exists ? 409 : 404, exists ? "invoice-qr-unavailable" : "not-found");
      return;
    }
    ctx.vertx().executeBlocking(() -> Buffer.buffer(QrImages.png(payable.vietQr(), 8)), false)
        .onFailure(ctx::fail)
        .onSuccess(bytes -> ctx.response().putHeader("content-type", "image/png").end(bytes));
  }
}
