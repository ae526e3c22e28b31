package vn.lienlac.delivery.zalo;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens of Zalo OAs, kept in {@code delivery.zalo_oa_token} and refreshed before they expire.
 * Zalo's refresh token works once: the refresh runs under a Redis lock (SET NX PX with a random
 * value, released by compare-and-delete), the holder stores the new pair in one autocommitted UPDATE
 * the moment Zalo answers, and only then uses it; a process that finds the lock taken waits for the
 * stored pair to change instead of refreshing. The one window that can lose the refresh token is a
 * crash between Zalo's answer and that UPDATE; the operator then re-authorises the OA
 * ({@code ./lienlac zalo set-token}).
 */
public final class ZaloTokens {

  private static final Logger LOG = LoggerFactory.getLogger(ZaloTokens.class);

  static final String READ = """
      SELECT access_token, refresh_token, expires_at FROM delivery.zalo_oa_token WHERE oa_id = $1""";

  /** Conditional on the refresh token we spent: a pair stored meanwhile by anyone else is never overwritten. */
  static final String STORE = """
      UPDATE delivery.zalo_oa_token
      SET access_token = $3, refresh_token = $4, expires_at = $5, updated_at = now()
      WHERE oa_id = $1 AND refresh_token = $2""";

  static final String INSTALL = """
      INSERT INTO delivery.zalo_oa_token (oa_id, app_id, access_token, refresh_token, expires_at)
      VALUES ($1, $2, NULL, $3, '-infinity')
      ON CONFLICT (oa_id) DO UPDATE
      SET app_id = EXCLUDED.app_id, access_token = NULL, refresh_token = EXCLUDED.refresh_token,
          expires_at = '-infinity', updated_at = now()""";

  static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end""";

  record Stored(String accessToken, String refreshToken, Instant expiresAt) {}

  private final Vertx vertx;
  private final Pool pool;
  private final Redis redis;
  private final WebClient client;
  private final String lockPrefix;
  private final Clock clock;

  /** @param lockPrefix Redis key prefix of the refresh locks */
  public ZaloTokens(Vertx vertx, Pool pool, Redis redis, WebClient client, String lockPrefix, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.redis = redis;
    this.client = client;
    this.lockPrefix = lockPrefix;
    this.clock = clock;
  }

  /** Stores a refresh token an operator obtained by authorising the OA; the next use refreshes with it. */
  public static Future<Void> install(Pool pool, String oaId, String appId, String refreshToken) {
    if (oaId == null || oaId.isBlank() || appId == null || appId.isBlank() || refreshToken == null || refreshToken.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("an OA id, an app id and a refresh token are needed"));
    }
    return pool.preparedQuery(INSTALL).execute(Tuple.of(oaId, appId, refreshToken.strip())).mapEmpty();
  }

  /** A usable access token, refreshed first when it expires within the account's refresh-ahead. */
  public Future<String> accessToken(ZaloOaAccount oa) {
    return read(oa).compose(stored -> fresh(stored, oa) ? Future.succeededFuture(stored.accessToken())
        : refresh(oa, stored.refreshToken(), 0));
  }

  /** After Zalo refused {@code rejected}: another process's newer token, or a refresh. */
  public Future<String> replace(ZaloOaAccount oa, String rejected) {
    return read(oa).compose(stored -> !rejected.equals(stored.accessToken()) && fresh(stored, oa)
        ? Future.succeededFuture(stored.accessToken()) : refresh(oa, stored.refreshToken(), 0));
  }

  private boolean fresh(Stored stored, ZaloOaAccount oa) {
    return stored.accessToken() != null && stored.expiresAt().minus(oa.refreshAhead()).isAfter(clock.instant());
  }

  private Future<Stored> read(ZaloOaAccount oa) {
    return pool.preparedQuery(READ).execute(Tuple.of(oa.oaId())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new IllegalStateException("Zalo OA " + oa.oaId()
            + " has no token: authorise it and run ./lienlac zalo set-token --oa " + oa.oaId() + " --refresh-token-stdin"));
      }
      Row r = rows.iterator().next();
      OffsetDateTime expires = r.getOffsetDateTime(2);
      return Future.succeededFuture(new Stored(r.getString(0), r.getString(1),
          expires == null ? Instant.EPOCH : expires.toInstant()));
    });
  }

  /**
   * @param spent the refresh token the caller saw; once the stored one differs, somebody refreshed
   * @param waited how many times this call found the lock taken
   */
  private Future<String> refresh(ZaloOaAccount oa, String spent, int waited) {
    String key = lockPrefix + oa.oaId();
    String owner = UUID.randomUUID().toString();
    long lockMs = oa.requestTimeout().toMillis() * 2 + 5_000;
    return redis.send(Request.cmd(Command.SET).arg(key).arg(owner).arg("NX").arg("PX").arg(lockMs))
        .compose(reply -> {
          if (reply == null) {
            return awaitOther(oa, spent, waited);
          }
          return read(oa).compose(stored -> {
            if (!stored.refreshToken().equals(spent) && fresh(stored, oa)) {
              return Future.succeededFuture(stored.accessToken()); // refreshed just before we took the lock
            }
            return callZalo(oa, stored.refreshToken());
          }).andThen(done -> redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(key).arg(owner))
              .onFailure(e -> LOG.warn("Zalo refresh lock of OA {} not released ({}); it expires by itself",
                  oa.oaId(), e.getMessage())));
        });
  }

  private Future<String> awaitOther(ZaloOaAccount oa, String spent, int waited) {
    long maxWaits = (oa.requestTimeout().toMillis() * 2 + 5_000) / 100 + 1;
    if (waited > maxWaits) {
      return Future.failedFuture(new IllegalStateException("Zalo token refresh of OA " + oa.oaId()
          + " held by another process for too long"));
    }
    return vertx.timer(100).compose(t -> read(oa)).compose(stored -> !stored.refreshToken().equals(spent)
        ? Future.succeededFuture(stored.accessToken()) : refresh(oa, spent, waited + 1));
  }

  private Future<String> callZalo(ZaloOaAccount oa, String refreshToken) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("refresh_token", refreshToken).add("app_id", oa.appId())
        .add("grant_type", "refresh_token");
    return client.postAbs(oa.oauthBase() + "/v4/oa/access_token").putHeader("secret_key", oa.appSecret())
        .timeout(oa.requestTimeout().toMillis()).sendForm(form)
        .compose(response -> {
          JsonObject reply;
          try {
            reply = response.bodyAsJsonObject();
          } catch (DecodeException e) {
            reply = null;
          }
          if (reply == null || reply.getString("access_token") == null || reply.getString("refresh_token") == null) {
            return Future.failedFuture(new IllegalStateException("Zalo refused to refresh the token of OA " + oa.oaId()
                + " (HTTP " + response.statusCode() + (reply == null ? "" : ", error " + reply.getValue("error")
                + " " + reply.getString("error_name", "")) + ")"));
          }
          Instant expires = clock.instant().plusSeconds(expiresIn(reply.getValue("expires_in")));
          String access = reply.getString("access_token");
          // Stored before anything else: the refresh token we sent is now spent at Zalo.
          return pool.preparedQuery(STORE).execute(Tuple.of(oa.oaId(), refreshToken, access,
                  reply.getString("refresh_token"), expires.atOffset(ZoneOffset.UTC)))
              .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(access)
                  : Future.failedFuture(new IllegalStateException("the token pair of OA " + oa.oaId()
                      + " changed during our refresh; ours was not stored")));
        })
        .onSuccess(t -> LOG.info("Zalo access token of OA {} refreshed", oa.oaId()));
  }

  /** Zalo sends {@code expires_in} as a string of seconds. */
  static long expiresIn(Object value) {
    try {
      return value == null ? Duration.ofHours(1).toSeconds() : Long.parseLong(value.toString().strip());
    } catch (NumberFormatException e) {
      return Duration.ofHours(1).toSeconds();
    }
  }
}
