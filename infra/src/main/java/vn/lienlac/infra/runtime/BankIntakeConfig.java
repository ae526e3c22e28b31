package vn.lienlac.infra.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.List;
import vn.lienlac.api.webhooks.WebhookSettings;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.messaging.ratelimit.TokenBuckets;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.intake.IntakeMetrics;
import vn.lienlac.payment.intake.pull.BankFeed;
import vn.lienlac.payment.intake.pull.BankFeedPull;
import vn.lienlac.payment.intake.pull.BankFeedVerticle;
import vn.lienlac.payment.intake.pull.SePayFeeds;

/** Bank intake from configuration: the webhook receivers' credentials (api) and the bank pull (workers). */
public final class BankIntakeConfig {

  /** SePay's published limit per client address. */
  static final double SEPAY_REQUESTS_PER_SECOND = 3.0;

  private BankIntakeConfig() {}

  public static WebhookSettings webhooks(LienlacConfig config, IntakeMetrics metrics) {
    return new WebhookSettings(optional(config, Setting.PAYOS_CHECKSUM_KEY), optional(config, Setting.SEPAY_WEBHOOK_API_KEY),
        optional(config, Setting.SEPAY_WEBHOOK_HMAC_SECRET), optional(config, Setting.VIETQR_SYNC_USERNAME),
        optional(config, Setting.VIETQR_SYNC_PASSWORD), metrics);
  }

  public static BankFeedVerticle pull(Vertx vertx, Pool pool, Redis redis, LienlacConfig config, IntakeMetrics metrics) {
    BankTransactions recorded = counting(BankTransactions.create(pool), metrics);
    SePayFeeds feeds = new SePayFeeds(vertx, pool, vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000)),
        new TokenBuckets(redis, "lienlac:bank-pull:"), config.string(Setting.SEPAY_API_URL),
        config.string(Setting.SEPAY_API_TOKEN), SEPAY_REQUESTS_PER_SECOND);
    return new BankFeedVerticle(new BankFeedPull(pool, recorded), () -> feeds.get().map(List::<BankFeed>copyOf),
        config.duration(Setting.BANK_PULL_INTERVAL));
  }

  /** A pulled credit that is new had no webhook: that is a lost notification, counted as such. */
  static BankTransactions counting(BankTransactions inner, IntakeMetrics metrics) {
    return (source, t, raw) -> inner.record(source, t, raw).onSuccess(r -> {
      metrics.recorded(source, r.isNew());
      if (r.isNew() && t.direction() == vn.lienlac.payment.statement.BankTransaction.Direction.CREDIT) {
        metrics.missedNotifications(source, 1);
      }
    });
  }

  private static String optional(LienlacConfig config, Setting s) {
    return config.has(s) ? config.string(s) : null;
  }
}
