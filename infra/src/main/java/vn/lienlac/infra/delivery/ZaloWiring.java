package vn.lienlac.infra.delivery;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.esms.EsmsCallbacks;
import vn.lienlac.delivery.receipts.DeliveryReceipts;
import vn.lienlac.delivery.twilio.TwilioStatusCallbacks;
import vn.lienlac.delivery.zalo.ZaloOaAccount;
import vn.lienlac.delivery.zalo.ZaloOaChannel;
import vn.lienlac.delivery.zalo.ZaloTokens;
import vn.lienlac.delivery.zalo.ZaloWebhookOptions;
import vn.lienlac.delivery.zalo.ZaloWebhookSignature;
import vn.lienlac.delivery.zalo.ZaloWebhooks;
import vn.lienlac.delivery.zalo.ZnsChannel;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.messaging.events.UserEvents;
import vn.lienlac.messaging.inbound.InboundReplies;

/** Builds the Zalo channels, the token store and the providers' webhook handlers from the settings. */
public final class ZaloWiring {

  private ZaloWiring() {}

  public static boolean configured(LienlacConfig config) {
    return config.has(Setting.ZALO_OA_ID);
  }

  public static ZaloOaAccount account(LienlacConfig config) {
    config.require(List.of(Setting.ZALO_OA_ID, Setting.ZALO_APP_ID, Setting.ZALO_APP_SECRET));
    return new ZaloOaAccount(config.string(Setting.ZALO_OA_ID), config.string(Setting.ZALO_APP_ID),
        config.string(Setting.ZALO_APP_SECRET), trimSlash(config.string(Setting.ZALO_OPENAPI_BASE_URL)),
        trimSlash(config.string(Setting.ZALO_ZNS_BASE_URL)), trimSlash(config.string(Setting.ZALO_OAUTH_BASE_URL)),
        config.flag(Setting.ZALO_APPSECRET_PROOF), config.duration(Setting.ZALO_TOKEN_REFRESH_AHEAD),
        config.duration(Setting.ZALO_REQUEST_TIMEOUT));
  }

  /** ZNS and OA messages, or none when no OA is configured. */
  public static List<Channel> channels(Vertx vertx, Pool pool, Redis redis, WebClient client, LienlacConfig config,
                                       String lockPrefix) {
    if (!configured(config)) {
      return List.of();
    }
    ZaloOaAccount oa = account(config);
    ZaloTokens tokens = new ZaloTokens(vertx, pool, redis, client, lockPrefix, Clock.systemUTC());
    return List.of(new ZnsChannel(pool, client, tokens, oa, config.longValue(Setting.ZALO_ZNS_PRICE_VND), Clock.systemUTC()),
        new ZaloOaChannel(pool, client, tokens, oa));
  }

  public static ZaloWebhooks zaloWebhooks(Pool pool, LienlacConfig config, UserEvents events) {
    if (!configured(config)) {
      return null;
    }
    config.require(List.of(Setting.ZALO_APP_ID, Setting.ZALO_OA_SECRET, Setting.ZALO_APP_SECRET));
    String secret = switch (config.string(Setting.ZALO_SIGNATURE_SECRET)) {
      case "oa" -> config.string(Setting.ZALO_OA_SECRET);
      case "app" -> config.string(Setting.ZALO_APP_SECRET);
      default -> throw new ConfigException(Setting.ZALO_SIGNATURE_SECRET.env() + " must be oa or app");
    };
    ZaloWebhookSignature.TimestampSource timestamp = switch (config.string(Setting.ZALO_SIGNATURE_TIMESTAMP)) {
      case "body" -> ZaloWebhookSignature.TimestampSource.BODY;
      case "header" -> ZaloWebhookSignature.TimestampSource.HEADER;
      default -> throw new ConfigException(Setting.ZALO_SIGNATURE_TIMESTAMP.env() + " must be body or header");
    };
    return new ZaloWebhooks(pool, new ZaloWebhookOptions(new ZaloWebhookSignature.Settings(
        config.string(Setting.ZALO_APP_ID), secret, timestamp), config.duration(Setting.ZALO_WEBHOOK_WINDOW)),
        new DeliveryReceipts(events), InboundReplies.create(), Clock.systemUTC());
  }

  /** Where Twilio posts status changes; null (no callbacks) without a public URL. */
  public static String twilioStatusCallbackUrl(LienlacConfig config) {
    if (config.has(Setting.TWILIO_STATUS_CALLBACK_URL)) {
      return config.string(Setting.TWILIO_STATUS_CALLBACK_URL);
    }
    return config.has(Setting.PUBLIC_BASE_URL)
        ? trimSlash(config.string(Setting.PUBLIC_BASE_URL)) + "/webhooks/twilio/status" : null;
  }

  /** Null unless Twilio and a callback URL are configured. */
  public static TwilioStatusCallbacks twilioCallbacks(Pool pool, LienlacConfig config, UserEvents events) {
    if (!config.has(Setting.TWILIO_AUTH_TOKEN) || twilioStatusCallbackUrl(config) == null) {
      return null;
    }
    return new TwilioStatusCallbacks(pool, config.string(Setting.TWILIO_AUTH_TOKEN), twilioStatusCallbackUrl(config),
        new DeliveryReceipts(events), Clock.systemUTC());
  }

  /** The CallbackUrl given to eSMS, or null without a callback secret and a public URL. */
  public static String esmsCallbackUrl(LienlacConfig config) {
    if (!config.has(Setting.ESMS_CALLBACK_SECRET) || !config.has(Setting.PUBLIC_BASE_URL)) {
      return null;
    }
    return trimSlash(config.string(Setting.PUBLIC_BASE_URL)) + "/webhooks/esms?secret="
        + java.net.URLEncoder.encode(config.string(Setting.ESMS_CALLBACK_SECRET), java.nio.charset.StandardCharsets.UTF_8);
  }

  public static EsmsCallbacks esmsCallbacks(Pool pool, LienlacConfig config, UserEvents events) {
    if (!config.has(Setting.ESMS_CALLBACK_SECRET)) {
      return null;
    }
    String[] fields = config.string(Setting.ESMS_CALLBACK_FIELDS).split(",");
    if (fields.length != 4) {
      throw new ConfigException(Setting.ESMS_CALLBACK_FIELDS.env()
          + " must be: message-id field,status field,delivered values,failed values (e.g. SMSID,SendStatus,5,3|4)");
    }
    return new EsmsCallbacks(pool, config.string(Setting.ESMS_CALLBACK_SECRET), new EsmsCallbacks.Mapping(
        fields[0].strip(), fields[1].strip(), Set.of(fields[2].strip().split("\\|")), Set.of(fields[3].strip().split("\\|"))),
        new DeliveryReceipts(events), Clock.systemUTC());
  }

  static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
