package vn.lienlac.api.webhooks;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.http.Problems;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.intake.NotificationException;
import vn.lienlac.payment.intake.PayOsNotification;
import vn.lienlac.payment.intake.Recorded;
import vn.lienlac.payment.intake.SePayNotification;
import vn.lienlac.payment.intake.Source;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * The bank and aggregator notification receivers, outside {@code /api/v1}: no user sign-in, each with
 * its own credentials; what they mean lives in payment-gateway ({@code vn.lienlac.payment.intake}).
 * Each checks credentials first (401 and nothing stored), then the body (400 naming the field), then
 * stores the transaction exactly once and answers only after it is committed, so a sender that gets
 * no answer retries and a retry is harmless.
 */
public final class BankWebhooks {

  private static final Logger LOG = LoggerFactory.getLogger(BankWebhooks.class);
  public static final String BASE_PATH = "/webhooks";
  /** Notifications are a few hundred bytes; anything near this is not one. */
  public static final long BODY_LIMIT_BYTES = 64 * 1024;

  private final WebhookSettings settings;
  private final BankTransactions transactions;
  private final Clock clock;

  public BankWebhooks(WebhookSettings settings, BankTransactions transactions, Clock clock) {
    this.settings = settings;
    this.transactions = transactions;
    this.clock = clock;
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
    if (settings.payOsOn()) {
      router.post(BASE_PATH + "/payos").handler(body).handler(this::payOs);
    }
    if (settings.sePayOn()) {
      router.post(BASE_PATH + "/sepay").handler(body).handler(this::sePay);
    }
    if (settings.vietQrOn()) {
      new VietQrSyncRoutes(settings, transactions, clock).mount(router, body);
    }
  }

  private void payOs(RoutingContext ctx) {
    JsonObject json = json(ctx);
    if (json == null) {
      return;
    }
    if (!PayOsNotification.verify(json, settings.payOsChecksumKey())) {
      unauthorized(ctx, "payos");
      return;
    }
    BankTransaction t;
    try {
      t = PayOsNotification.parse(json);
    } catch (NotificationException e) {
      invalid(ctx, e);
      return;
    }
    if (t == null) {
      ctx.json(new JsonObject().put("success", true)); // a notice of no money (e.g. a cancelled link): nothing to store
      return;
    }
    store(Source.PAYOS, t, json).onSuccess(r -> ctx.json(new JsonObject().put("success", true))).onFailure(ctx::fail);
  }

  private void sePay(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    boolean byKey = WebhookSettings.present(settings.sePayApiKey())
        && SePayNotification.apiKeyMatches(authorization, settings.sePayApiKey());
    boolean bySignature = !byKey && WebhookSettings.present(settings.sePayHmacSecret())
        && SePayNotification.signatureValid(settings.sePayHmacSecret(), ctx.request().getHeader("X-SePay-Timestamp"),
            ctx.request().getHeader("X-SePay-Signature"), raw, clock.instant());
    if (!byKey && !bySignature) {
      unauthorized(ctx, "sepay");
      return;
    }
    JsonObject json = json(ctx);
    if (json == null) {
      return;
    }
    BankTransaction t;
    try {
      t = SePayNotification.parse(json);
    } catch (NotificationException e) {
      invalid(ctx, e);
      return;
    }
    store(Source.SEPAY, t, json).onSuccess(r -> ctx.json(new JsonObject().put("success", true))).onFailure(ctx::fail);
  }

  Future<Recorded> store(Source source, BankTransaction t, JsonObject raw) {
    return transactions.record(source, t, raw).onSuccess(r -> settings.metrics().recorded(source, r.isNew()));
  }

  /** The body as a JSON object, or null after answering 400. */
  static JsonObject json(RoutingContext ctx) {
    try {
      JsonObject json = ctx.body().asJsonObject();
      if (json != null) {
        return json;
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    Problems.send(ctx, 400, "request-invalid", errors("/", "the body must be a JSON object"));
    return null;
  }

  static void invalid(RoutingContext ctx, NotificationException e) {
    Problems.send(ctx, 400, "request-invalid", errors(e.field(), e.reason()));
  }

  static JsonObject errors(String field, String reason) {
    return new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("field", field).put("reason", reason)));
  }

  static void unauthorized(RoutingContext ctx, String receiver) {
    LOG.warn("{} webhook refused: credentials or signature do not match", receiver);
    Problems.send(ctx, 401, "webhook-unauthorized");
  }
}
