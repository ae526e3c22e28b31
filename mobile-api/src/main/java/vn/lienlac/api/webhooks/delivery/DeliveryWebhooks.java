package vn.lienlac.api.webhooks.delivery;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.delivery.esms.EsmsCallbacks;
import vn.lienlac.delivery.twilio.TwilioStatusCallbacks;
import vn.lienlac.delivery.zalo.ZaloWebhooks;

/**
 * The providers' callbacks, outside {@code /api/v1} (no user token: each provider proves itself by
 * its signature or shared secret, checked by the delivery module): {@code POST /webhooks/zalo},
 * {@code POST /webhooks/twilio/status}, {@code POST /webhooks/esms}. A provider not configured has no
 * route (404). Answers carry no body: providers only read the status.
 *
 * @param zalo null when Zalo is not configured (likewise the others)
 */
public record DeliveryWebhooks(ZaloWebhooks zalo, TwilioStatusCallbacks twilio, EsmsCallbacks esms) {

  public static final String ZALO_PATH = "/webhooks/zalo";
  public static final String TWILIO_STATUS_PATH = "/webhooks/twilio/status";
  public static final String ESMS_PATH = "/webhooks/esms";
  static final int MAX_BODY = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWebhooks.class);

  public static final DeliveryWebhooks NONE = new DeliveryWebhooks(null, null, null);

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY).setHandleFileUploads(false);
    if (zalo != null) {
      router.post(ZALO_PATH).handler(body).handler(this::zalo);
    }
    if (twilio != null) {
      router.post(TWILIO_STATUS_PATH).handler(body).handler(this::twilio);
    }
    if (esms != null) {
      router.route(ESMS_PATH).handler(body).handler(this::esms);
    }
  }

  private void zalo(RoutingContext ctx) {
    String raw = ctx.body().asString("UTF-8");
    zalo.receive(raw == null ? "" : raw, ctx.request().getHeader("X-ZEvent-Signature"),
            ctx.request().getHeader("X-ZEvent-Timestamp"), ctx.request().getHeader("X-ZEvent-Server"))
        .onSuccess(outcome -> {
          if (outcome.status() != 200) {
            LOG.warn("Zalo webhook refused ({}): {}", outcome.status(), outcome.detail());
          }
          ctx.response().setStatusCode(outcome.status()).end();
        })
        .onFailure(ctx::fail);
  }

  private void twilio(RoutingContext ctx) {
    twilio.receive(single(ctx.request().formAttributes()), ctx.request().getHeader("X-Twilio-Signature"))
        .onSuccess(status -> {
          if (status != 200) {
            LOG.warn("Twilio status callback refused ({})", status);
          }
          ctx.response().setStatusCode(status).end();
        })
        .onFailure(ctx::fail);
  }

  private void esms(RoutingContext ctx) {
    Map<String, String> params = single(ctx.request().formAttributes());
    params.putAll(single(ctx.queryParams()));
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.startsWith("application/json") && ctx.body().length() > 0) {
      try {
        ctx.body().asJsonObject().forEach(e -> params.putIfAbsent(e.getKey(), String.valueOf(e.getValue())));
      } catch (RuntimeException e) {
        ctx.response().setStatusCode(400).end();
        return;
      }
    }
    esms.receive(params).onSuccess(status -> ctx.response().setStatusCode(status).end()).onFailure(ctx::fail);
  }

  private static Map<String, String> single(MultiMap values) {
    Map<String, String> out = new HashMap<>();
    values.forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    return out;
  }
}
