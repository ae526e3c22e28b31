package vn.lienlac.api.signin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Function;
import vn.lienlac.api.auth.AccessTokens;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;

/**
 * Sign-in sessions and their refresh-token families. Every refresh uses up the presented token and
 * hands out a new one; presenting a used token again means two parties hold the family (a copy was
 * stolen, or the app sent one token twice): the whole session is revoked, and both must sign in again.
 * Two refreshes racing with one token cannot both win: the token is used up by a conditional UPDATE
 * that only one of them can match.
 */
final class Sessions {

  static final String INSERT_SESSION = """
      INSERT INTO api.session (id, guardian_id, staff_id, installation_id, device_name) VALUES ($1, $2, $3, $4, $5)""";
  static final String INSERT_TOKEN = """
      INSERT INTO api.refresh_token (token_hash, session_id, expires_at)
      VALUES ($1, $2, now() + $3::bigint * interval '1 second')""";
  static final String USE_TOKEN = """
      UPDATE api.refresh_token t SET used_at = now()
        FROM api.session s
       WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
         AND s.id = t.session_id AND s.revoked_at IS NULL
      RETURNING s.id, s.guardian_id, s.staff_id""";
  static final String WHY_REFUSED = """
      SELECT t.session_id, t.used_at IS NOT NULL AS used, s.revoked_at IS NOT NULL AS revoked
        FROM api.refresh_token t JOIN api.session s ON s.id = t.session_id
       WHERE t.token_hash = $1""";
  static final String GUARDIAN_STILL_THERE = """
      SELECT 1 FROM directory.guardian WHERE id = $1 AND removed_at IS NULL""";
  static final String STAFF_STILL_ENABLED = """
      SELECT role, school_code, district_code, teacher_code FROM api.staff_account WHERE id = $1 AND disabled_at IS NULL""";
  static final String TOUCH_SESSION = "UPDATE api.session SET refreshed_at = now() WHERE id = $1";
  static final String REVOKE = """
      UPDATE api.session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL""";

  /** The outcome of a refresh: new tokens, or a refusal (which may have revoked a session). */
  sealed interface Refresh {
    record Renewed(IssuedTokens tokens) implements Refresh {}

    record Refused(String revokedSessionId) implements Refresh {}
  }

  /** Where a session is signed in from, as the app told us (optional). */
  record DeviceHint(String installationId, String name) {
    static final DeviceHint NONE = new DeviceHint(null, null);
  }

  private final Pool pool;
  private final AccessTokens tokens;
  private final SessionRevocation revocation;
  private final SignInSettings settings;
  private final RefreshTokens refreshTokens = new RefreshTokens(new SecureRandom());

  Sessions(Pool pool, AccessTokens tokens, SessionRevocation revocation, SignInSettings settings) {
    this.pool = pool;
    this.tokens = tokens;
    this.revocation = revocation;
    this.settings = settings;
  }

  Future<IssuedTokens> startForGuardian(long guardianId, DeviceHint device) {
    return start(guardianId, null, sid -> Caller.guardian(guardianId, sid), device);
  }

  Future<IssuedTokens> startForStaff(StaffAccount account, DeviceHint device) {
    return start(null, account.id(), account::caller, device);
  }

  private Future<IssuedTokens> start(Long guardianId, Long staffId, Function<String, Caller> callerOf, DeviceHint device) {
    String sessionId = refreshTokens.newSessionId();
    Caller caller = callerOf.apply(sessionId);
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT_SESSION)
        .execute(Tuple.of(sessionId, guardianId, staffId, device.installationId(), device.name()))
        .compose(done -> issue(conn, caller)));
  }

  Future<Refresh> refresh(String refreshToken) {
    Buffer hash = Buffer.buffer(RefreshTokens.hash(refreshToken));
    return pool.withTransaction(conn -> conn.preparedQuery(USE_TOKEN).execute(Tuple.of(hash)).compose(used -> {
      if (used.rowCount() == 0) {
        return refusal(conn, hash);
      }
      Row row = used.iterator().next();
      String sessionId = row.getString("id");
      Long guardianId = row.getLong("guardian_id");
      Future<Caller> caller = guardianId != null ? guardianCaller(conn, guardianId, sessionId)
          : staffCaller(conn, row.getLong("staff_id"), sessionId);
      return caller.compose(c -> c == null
          ? revoke(conn, sessionId, "account_gone").map(v -> (Refresh) new Refresh.Refused(sessionId))
          : conn.preparedQuery(TOUCH_SESSION).execute(Tuple.of(sessionId))
              .compose(v -> issue(conn, c)).map(Refresh.Renewed::new));
    })).compose(outcome -> outcome instanceof Refresh.Refused r && r.revokedSessionId() != null
        ? revocation.markRevoked(r.revokedSessionId()).map(outcome) : Future.succeededFuture(outcome));
  }

  /** Ends a session (logout): its refresh tokens stop working at once, its access tokens at the next request. */
  Future<Void> revoke(String sessionId, String reason) {
    return pool.withTransaction(conn -> revoke(conn, sessionId, reason))
        .compose(v -> revocation.markRevoked(sessionId));
  }

  private Future<Refresh> refusal(SqlConnection conn, Buffer hash) {
    return conn.preparedQuery(WHY_REFUSED).execute(Tuple.of(hash)).compose(rows -> {
      Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
      if (row != null && row.getBoolean("used") && !row.getBoolean("revoked")) {
        String sessionId = row.getString("session_id");
        return revoke(conn, sessionId, "refresh_token_reused").map(v -> (Refresh) new Refresh.Refused(sessionId));
      }
      return Future.succeededFuture(new Refresh.Refused(null));
    });
  }

  private static Future<Void> revoke(SqlConnection conn, String sessionId, String reason) {
    return conn.preparedQuery(REVOKE).execute(Tuple.of(sessionId, reason)).mapEmpty();
  }

  private static Future<Caller> guardianCaller(SqlConnection conn, long guardianId, String sessionId) {
    return conn.preparedQuery(GUARDIAN_STILL_THERE).execute(Tuple.of(guardianId))
        .map(rows -> rows.rowCount() == 0 ? null : Caller.guardian(guardianId, sessionId));
  }

  /** Staff claims are read again at every refresh, so a changed role or school shows within one access token. */
  private static Future<Caller> staffCaller(SqlConnection conn, long staffId, String sessionId) {
    return conn.preparedQuery(STAFF_STILL_ENABLED).execute(Tuple.of(staffId)).map((RowSet<Row> rows) -> {
      if (rows.rowCount() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return Caller.staff(staffId, StaffRole.fromCode(r.getString("role")), r.getString("school_code"),
          r.getString("district_code"), r.getString("teacher_code"), sessionId);
    });
  }

  private Future<IssuedTokens> issue(SqlConnection conn, Caller caller) {
    String refreshToken = refreshTokens.newToken();
    Duration ttl = caller.isGuardian() ? settings.guardianRefreshTtl() : settings.staffRefreshTtl();
    return conn.preparedQuery(INSERT_TOKEN)
        .execute(Tuple.of(Buffer.buffer(RefreshTokens.hash(refreshToken)), caller.sessionId(), ttl.toSeconds()))
        .map(done -> new IssuedTokens(tokens.issue(caller), tokens.lifetime(), refreshToken, ttl, caller.sessionId()));
  }
}
