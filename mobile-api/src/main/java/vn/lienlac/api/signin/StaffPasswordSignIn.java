package vn.lienlac.api.signin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import vn.lienlac.api.auth.password.PasswordHashing;
import vn.lienlac.api.auth.totp.Totp;
import vn.lienlac.api.http.Problems;

/**
 * Staff sign in with username and password, plus a TOTP code when they turned it on. An unknown
 * username and a wrong password get the same answer after the same work (an Argon2id hash is computed
 * for unknown names too). Only after the password was right does the answer say more: that a code is
 * needed, that the code was wrong, or that the account is disabled. The per-username throttle slows
 * guessing at one account; it also lets someone lock a colleague out for a while, which we accept.
 */
final class StaffPasswordSignIn {

  static final String BY_USERNAME = "SELECT " + StaffAccount.COLUMNS + " FROM api.staff_account WHERE username = $1";
  /** Conditional, so that one code cannot be used twice even by two requests at once. */
  static final String USE_TOTP_STEP = """
      UPDATE api.staff_account SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2""";
  static final String REHASH = "UPDATE api.staff_account SET password_hash = $2, updated_at = now() WHERE id = $1 AND password_hash = $3";

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHashing hashing;
  private final Throttles throttles;
  private final Sessions sessions;
  private final SignInSettings settings;
  private final Clock clock;
  private Future<String> decoy;

  StaffPasswordSignIn(Vertx vertx, Pool pool, Throttles throttles, Sessions sessions, SignInSettings settings, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.hashing = new PasswordHashing(settings.passwordCost());
    this.throttles = throttles;
    this.sessions = sessions;
    this.settings = settings;
    this.clock = clock;
  }

  void signIn(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    String username = body.getString("username").strip().toLowerCase(Locale.ROOT);
    String password = body.getString("password");
    String totp = body.getString("totp");
    Sessions.DeviceHint device = GuardianOtpSignIn.deviceHint(body.getJsonObject("device"));
    throttles.take(List.of(new Throttles.Bucket(Throttles.hashed("password-user", username), settings.passwordPerUsername()),
            new Throttles.Bucket("password-ip:" + SignInResponses.clientIp(ctx), settings.passwordPerIp())))
        .onFailure(e -> SignInResponses.throttleUnavailable(ctx, e))
        .onSuccess(wait -> {
          if (wait > 0) {
            SignInResponses.tooManyRequests(ctx, wait);
            return;
          }
          pool.preparedQuery(BY_USERNAME).execute(Tuple.of(username))
              .map(rows -> rows.rowCount() == 0 ? null : StaffAccount.of(rows.iterator().next()))
              .compose(account -> passwordMatches(account, password).compose(right -> {
                if (!right) {
                  SignInResponses.unauthorized(ctx, "sign-in-failed");
                  return Future.succeededFuture();
                }
                return afterPassword(ctx, account, password, totp, device);
              }))
              .onFailure(ctx::fail);
        });
  }

  private Future<Void> afterPassword(RoutingContext ctx, StaffAccount account, String password, String totp,
                                     Sessions.DeviceHint device) {
    if (account.disabled()) {
      Problems.send(ctx, 403, "account-disabled");
      return Future.succeededFuture();
    }
    Future<Boolean> secondFactor = Future.succeededFuture(true);
    if (account.hasTotp()) {
      if (totp == null) {
        SignInResponses.unauthorized(ctx, "totp-required");
        return Future.succeededFuture();
      }
      OptionalLong step = Totp.verify(account.totpSecret(), totp, clock.instant(), account.totpLastStep());
      secondFactor = step.isEmpty() ? Future.succeededFuture(false)
          : pool.preparedQuery(USE_TOTP_STEP).execute(Tuple.of(account.id(), step.getAsLong())).map(r -> r.rowCount() == 1);
    }
    return secondFactor.compose(ok -> {
      if (!ok) {
        SignInResponses.unauthorized(ctx, "totp-invalid");
        return Future.succeededFuture();
      }
      return rehashIfOutdated(account, password)
          .compose(v -> sessions.startForStaff(account, device))
          .onSuccess(t -> ctx.json(t.toJson()))
          .mapEmpty();
    });
  }

  /** Argon2id costs tens of milliseconds of CPU: on a worker thread, unordered so sign-ins run in parallel. */
  private Future<Boolean> passwordMatches(StaffAccount account, String password) {
    if (account == null || account.passwordHash() == null) {
      return decoyHash().compose(h -> vertx.executeBlocking(() -> {
        hashing.verify(password, h); // the work a real check does; the answer is no whatever it says
        return false;
      }, false));
    }
    return vertx.executeBlocking(() -> hashing.verify(password, account.passwordHash()), false);
  }

  private Future<Void> rehashIfOutdated(StaffAccount account, String password) {
    if (!hashing.needsRehash(account.passwordHash())) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> hashing.hash(password), false)
        .compose(h -> pool.preparedQuery(REHASH).execute(Tuple.of(account.id(), h, account.passwordHash())))
        .mapEmpty();
  }

  /** A hash of nothing anyone knows, to spend on unknown usernames the time a real check takes. */
  private synchronized Future<String> decoyHash() {
    if (decoy == null) {
      decoy = vertx.executeBlocking(() -> hashing.hash(UUID.randomUUID().toString()), false);
    }
    return decoy;
  }
}
