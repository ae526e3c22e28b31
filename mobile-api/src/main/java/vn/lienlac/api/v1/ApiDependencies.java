package vn.lienlac.api.v1;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import vn.lienlac.api.auth.AccessTokens;
import vn.lienlac.api.payments.InvoiceEvents;
import vn.lienlac.api.signin.SignInSettings;
import vn.lienlac.api.realtime.Realtime;
import vn.lienlac.api.webhooks.WebhookSettings;
import vn.lienlac.messaging.notice.Notices;

/**
 * What the features of {@code /api/v1} are built from; the launcher makes it from configuration.
 *
 * @param signIn refresh-token lifetimes, sign-in throttles and the Redis key prefix of sign-in
 * @param realtime this process's realtime connections and the event publisher
 * @param webhooks credentials of the bank notification receivers (and intake metrics)
 * @param invoiceEvents where {@code invoice.updated} events go (the realtime event publisher)
 */
public record ApiDependencies(Vertx vertx, Pool pool, Redis redis, AccessTokens tokens, Notices notices, Clock clock,
                              SignInSettings signIn, Realtime realtime, WebhookSettings webhooks,
                              InvoiceEvents invoiceEvents) {

  /** Without bank webhooks (they answer 404); invoice events go to the realtime publisher. */
  public ApiDependencies(Vertx vertx, Pool pool, Redis redis, AccessTokens tokens, Notices notices, Clock clock,
                         SignInSettings signIn, Realtime realtime) {
    this(vertx, pool, redis, tokens, notices, clock, signIn, realtime, WebhookSettings.OFF, realtime.events()::publish);
  }
}
