package vn.lienlac.api.signin;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.auth.RevokedSessions;

/**
 * Which sessions were ended before their access tokens expire. PostgreSQL ({@code api.session.revoked_at})
 * is the record; Redis holds a marker per revoked session for as long as one of its access tokens can
 * still be valid, so the check on every request is one {@code EXISTS} and costs the database nothing.
 * When Redis cannot answer, the check falls back to PostgreSQL (slower, still correct). A marker that
 * cannot be written (Redis down at logout) is logged: refresh is refused anyway from PostgreSQL, and the
 * access tokens already out end within their lifetime; we accept that window rather than failing a logout.
 */
public final class SessionRevocation implements RevokedSessions {

  private static final Logger LOG = LoggerFactory.getLogger(SessionRevocation.class);
  static final String IS_REVOKED = "SELECT revoked_at IS NOT NULL AS revoked FROM api.session WHERE id = $1";

  private final Redis redis;
  private final Pool pool;
  private final String keyPrefix;
  private final Duration markerLifetime;

  /** @param accessTokenLifetime markers outlive it by a minute (the verifier's clock leeway is 30 s) */
  public SessionRevocation(Redis redis, Pool pool, String redisPrefix, Duration accessTokenLifetime) {
    this.redis = redis;
    this.pool = pool;
    this.keyPrefix = redisPrefix + "revoked-session:";
    this.markerLifetime = accessTokenLifetime.plusMinutes(1);
  }

  @Override
  public Future<Boolean> isRevoked(String sessionId) {
    return redis.send(Request.cmd(Command.EXISTS).arg(keyPrefix + sessionId))
        .map(r -> r.toInteger() > 0)
        .recover(e -> {
          LOG.warn("Redis cannot say whether a session is revoked ({}); asking PostgreSQL", e.getMessage());
          return pool.preparedQuery(IS_REVOKED).execute(Tuple.of(sessionId)).map(rows -> {
            Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
            return row != null && row.getBoolean("revoked");
          });
        });
  }

  /** Sets the marker; called after the revocation is committed in PostgreSQL. Never fails. */
  Future<Void> markRevoked(String sessionId) {
    return redis.send(Request.cmd(Command.SET).arg(keyPrefix + sessionId).arg("1").arg("PX")
            .arg(markerLifetime.toMillis()))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("revoked session {} could not be marked in Redis ({}); its access tokens end within {}",
              sessionId, e.getMessage(), markerLifetime);
          return Future.succeededFuture();
        });
  }
}
