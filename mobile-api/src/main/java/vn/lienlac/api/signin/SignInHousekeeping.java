package vn.lienlac.api.signin;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what sign-in no longer needs, in bounded batches: one-time codes a day after they were sent,
 * and refresh tokens a day after they expired. Used refresh tokens are kept until then on purpose: a
 * used token presented again is how a stolen copy is noticed. Sessions stay (they say who signed in
 * when). Deployed by the workers role; running it in several processes at once is harmless.
 */
public final class SignInHousekeeping extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SignInHousekeeping.class);
  static final int BATCH = 5_000;

  static final String PURGE_CHALLENGES = """
      DELETE FROM api.otp_challenge WHERE id IN (
        SELECT id FROM api.otp_challenge WHERE created_at < now() - interval '1 day' ORDER BY id LIMIT $1)""";
  static final String PURGE_REFRESH_TOKENS = """
      DELETE FROM api.refresh_token WHERE token_hash IN (
        SELECT token_hash FROM api.refresh_token WHERE expires_at < now() - interval '1 day' LIMIT $1)""";

  /** What one pass deleted. */
  public record Purged(long challenges, long refreshTokens) {}

  private final Pool pool;
  private final Duration every;
  private long timer = -1;

  public SignInHousekeeping(Pool pool, Duration every) {
    this.pool = pool;
    this.every = every;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(every.toMillis(), id -> purge()
        .onSuccess(p -> LOG.info("sign-in housekeeping deleted {} codes and {} refresh tokens", p.challenges(), p.refreshTokens()))
        .onFailure(e -> LOG.warn("sign-in housekeeping failed; it runs again in {}", every, e)));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  public Future<Purged> purge() {
    return drain(PURGE_CHALLENGES, 0).compose(challenges -> drain(PURGE_REFRESH_TOKENS, 0)
        .map(tokens -> new Purged(challenges, tokens)));
  }

  /** One short transaction per batch, so that a large backlog never holds locks for long. */
  private Future<Long> drain(String sql, long sofar) {
    return pool.preparedQuery(sql).execute(io.vertx.sqlclient.Tuple.of(BATCH)).compose(rows -> rows.rowCount() < BATCH
        ? Future.succeededFuture(sofar + rows.rowCount())
        : drain(sql, sofar + rows.rowCount()));
  }
}
