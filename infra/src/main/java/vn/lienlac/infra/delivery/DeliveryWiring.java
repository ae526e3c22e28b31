package vn.lienlac.infra.delivery;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.lienlac.delivery.dispatch.DispatchOptions;
import vn.lienlac.delivery.dispatch.MessageDispatcher;
import vn.lienlac.delivery.policy.SchoolPolicy;
import vn.lienlac.messaging.devices.Devices;
import vn.lienlac.messaging.events.UserEvents;
import vn.lienlac.delivery.DeliveryEvents;
import vn.lienlac.delivery.DeliveryOptions;
import vn.lienlac.delivery.DeliveryWorker;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.esms.EsmsAccount;
import vn.lienlac.delivery.esms.EsmsChannel;
import vn.lienlac.delivery.sms.SmsOptions;
import vn.lienlac.delivery.twilio.TwilioAccount;
import vn.lienlac.delivery.twilio.TwilioSmsChannel;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.messaging.notice.NoticeTemplates;
import vn.lienlac.messaging.ratelimit.TokenBuckets;

/** Builds the delivery worker of the workers role, and its SMS channel, from the settings. */
public final class DeliveryWiring {

  /** Rate-limit buckets of delivery, apart from the API's. */
  public static final String BUCKET_PREFIX = "lienlac:delivery:rl:";

  private DeliveryWiring() {}

  public static DeliveryWorker worker(Vertx vertx, Pool ours, PgConnectOptions listenTo, Redis redis,
                                      LienlacConfig config, String bucketPrefix, DeliveryEvents events, Devices devices) {
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("lienlac-delivery").setConnectTimeout(5_000).setKeepAlive(true));
    List<Channel> channels = new ArrayList<>();
    channels.add(smsChannel(client, config));
    channels.addAll(ZaloWiring.channels(vertx, ours, redis, client, config, bucketPrefix + "zalo-lock:"));
    PushWiring.pushChannel(vertx, config, devices).ifPresent(channels::add);
    return new DeliveryWorker(ours, listenTo, channels,
        new TokenBuckets(redis, bucketPrefix), options(config), NoticeTemplates.BUNDLED, events);
  }

  /** The dispatcher of messages into attempts, with the default school policy from the settings. */
  public static MessageDispatcher dispatcher(Pool ours, UserEvents events, LienlacConfig config) {
    SchoolPolicy defaults = new SchoolPolicy(config.flag(Setting.DELIVERY_SMS_ALLOWED), Map.of(),
        config.duration(Setting.DELIVERY_FALLBACK_AFTER), config.duration(Setting.DELIVERY_ACK_REMINDER),
        config.longValue(Setting.DELIVERY_ZNS_PRICE_VND));
    return new MessageDispatcher(ours, events, new DispatchOptions(config.integer(Setting.DELIVERY_DISPATCH_CHUNK),
        config.duration(Setting.DELIVERY_DISPATCH_INTERVAL), defaults), Clock.systemUTC());
  }

  public static DeliveryOptions options(LienlacConfig config) {
    DeliveryOptions defaults = DeliveryOptions.DEFAULTS;
    return new DeliveryOptions(config.integer(Setting.DELIVERY_BATCH_SIZE), config.duration(Setting.DELIVERY_LEASE),
        config.duration(Setting.DELIVERY_POLL_INTERVAL), config.integer(Setting.DELIVERY_MAX_ATTEMPTS),
        defaults.firstRetryDelay(), defaults.maxRetryDelay(), config.decimal(Setting.SMS_RATE_PER_SECOND))
        .withBreaker(config.integer(Setting.DELIVERY_BREAKER_FAILURES), config.duration(Setting.DELIVERY_BREAKER_COOLDOWN))
        .withChannelRate("push", config.decimal(Setting.FCM_RATE_PER_SECOND));
  }

  /** The settings the configured SMS provider needs (serve names them all at once when missing). */
  public static List<Setting> requiredSettings(LienlacConfig config) {
    return switch (config.has(Setting.SMS_PROVIDER) ? config.string(Setting.SMS_PROVIDER) : "esms") {
      case "twilio" -> List.of(Setting.TWILIO_ACCOUNT_SID, Setting.TWILIO_AUTH_TOKEN, Setting.TWILIO_FROM);
      default -> List.of(Setting.ESMS_API_KEY, Setting.ESMS_SECRET_KEY, Setting.ESMS_BRANDNAME);
    };
  }

  /** The configured SMS provider; fails naming every setting it still needs. */
  public static Channel smsChannel(WebClient client, LienlacConfig config) {
    SmsOptions sms = new SmsOptions(config.flag(Setting.SMS_UNACCENTED), config.longValue(Setting.SMS_SEGMENT_PRICE_VND),
        config.duration(Setting.SMS_REQUEST_TIMEOUT));
    String provider = config.string(Setting.SMS_PROVIDER);
    return switch (provider) {
      case "esms" -> {
        config.require(requiredSettings(config));
        yield new EsmsChannel(client, new EsmsAccount(trimSlash(config.string(Setting.ESMS_BASE_URL)),
            config.string(Setting.ESMS_API_KEY), config.string(Setting.ESMS_SECRET_KEY),
            config.string(Setting.ESMS_BRANDNAME), ZaloWiring.esmsCallbackUrl(config)), sms);
      }
      case "twilio" -> {
        config.require(requiredSettings(config));
        yield new TwilioSmsChannel(client, new TwilioAccount(trimSlash(config.string(Setting.TWILIO_BASE_URL)),
            config.string(Setting.TWILIO_ACCOUNT_SID), config.string(Setting.TWILIO_AUTH_TOKEN),
            config.string(Setting.TWILIO_FROM), ZaloWiring.twilioStatusCallbackUrl(config)), sms);
      }
      default -> throw new ConfigException(Setting.SMS_PROVIDER.env() + " must be esms or twilio, got '" + provider + "'");
    };
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
