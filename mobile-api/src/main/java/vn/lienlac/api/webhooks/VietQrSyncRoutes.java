package vn.lienlac.api.webhooks;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.auth.Authentication;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.intake.NotificationException;
import vn.lienlac.payment.intake.Source;
import vn.lienlac.payment.intake.VietQrSyncNotification;
import vn.lienlac.payment.intake.VietQrSyncTokens;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * VietQR.vn transaction sync: {@code POST /webhooks/vietqr/api/token_generate} (Basic credentials) gives
 * a Bearer token for 5 minutes; {@code POST /webhooks/vietqr/bank/api/transaction-sync} (that Bearer)
 * stores the transaction. Answers use VietQR.vn's shape ({@code error, errorReason, toastMessage, object}).
 */
final class VietQrSyncRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(VietQrSyncRoutes.class);

  private final VietQrSyncTokens tokens;
  private final BankWebhooks store;
  private final Clock clock;

  VietQrSyncRoutes(WebhookSettings settings, BankTransactions transactions, Clock clock) {
    this.tokens = new VietQrSyncTokens(settings.vietQrUsername(), settings.vietQrPassword());
    this.store = new BankWebhooks(settings, transactions, clock);
    this.clock = clock;
  }

  void mount(Router router, BodyHandler body) {
    router.post(BankWebhooks.BASE_PATH + "/vietqr/api/token_generate").handler(body).handler(this::token);
    router.post(BankWebhooks.BASE_PATH + "/vietqr/bank/api/transaction-sync").handler(body).handler(this::sync);
  }

  private void token(RoutingContext ctx) {
    if (!tokens.credentialsMatch(ctx.request().getHeader("Authorization"))) {
      LOG.warn("vietqr token request refused: wrong credentials");
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"lienlac-vietqr\"");
      reply(ctx, 401, failure("E_UNAUTHORIZED", "invalid credentials"));
      return;
    }
    ctx.json(new JsonObject().put("access_token", tokens.issue(clock.instant())).put("token_type", "Bearer")
        .put("expires_in", VietQrSyncTokens.LIFETIME.toSeconds()));
  }

  private void sync(RoutingContext ctx) {
    if (!tokens.valid(Authentication.bearer(ctx.request().getHeader("Authorization")), clock.instant())) {
      LOG.warn("vietqr transaction-sync refused: missing, wrong or expired token");
      reply(ctx, 401, failure("E_TOKEN", "invalid or expired token"));
      return;
    }
    JsonObject json;
    try {
      json = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      json = null;
    }
    if (json == null) {
      reply(ctx, 400, failure("E_BODY", "the body must be a JSON object").put("field", "/"));
      return;
    }
    BankTransaction t;
    try {
      t = VietQrSyncNotification.parse(json);
    } catch (NotificationException e) {
      reply(ctx, 400, failure("E_FIELD", e.getMessage()).put("field", e.field()));
      return;
    }
    store.store(Source.VIETQR_VN, t, json).onSuccess(r -> ctx.json(new JsonObject().put("error", false)
            .putNull("errorReason").put("toastMessage", "")
            .put("object", new JsonObject().put("reftransactionid", Long.toString(r.id())))))
        .onFailure(ctx::fail);
  }

  private static JsonObject failure(String reason, String message) {
    return new JsonObject().put("error", true).put("errorReason", reason).put("toastMessage", message).putNull("object");
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
