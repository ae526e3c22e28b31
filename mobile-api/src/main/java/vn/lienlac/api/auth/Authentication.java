package vn.lienlac.api.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.http.Problems;

/**
 * Accepts a request only with {@code Authorization: Bearer <access token>} that verifies and whose
 * session is not revoked; the {@link Caller} is then available to the handlers. Anything else gets
 * 401 with a problem document that does not say which check failed.
 */
public final class Authentication implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  private final AccessTokens tokens;
  private final RevokedSessions revoked;

  public Authentication(AccessTokens tokens, RevokedSessions revoked) {
    this.tokens = tokens;
    this.revoked = revoked;
  }

  @Override
  public void handle(RoutingContext ctx) {
    authenticate(bearer(ctx.request().getHeader("Authorization"))).onComplete(r -> {
      if (r.succeeded()) {
        r.result().attachTo(ctx);
        ctx.next();
      } else if (r.cause() instanceof AccessTokens.InvalidToken) {
        unauthenticated(ctx);
      } else {
        ctx.fail(r.cause());
      }
    });
  }

  /**
   * The caller an access token proves, for callers that do not come through a request (the realtime
   * WebSocket). Fails with {@link AccessTokens.InvalidToken} when the token does not verify or its
   * session was revoked; with another exception when revocation could not be checked.
   */
  public Future<Caller> authenticate(String token) {
    Caller caller;
    try {
      caller = tokens.verify(token);
    } catch (AccessTokens.InvalidToken e) {
      LOG.debug("refused access token: {}", e.getMessage());
      return Future.failedFuture(e);
    }
    return revoked.isRevoked(caller.sessionId()).compose(isRevoked -> isRevoked
        ? Future.failedFuture(new AccessTokens.InvalidToken("session revoked"))
        : Future.succeededFuture(caller));
  }

  /** The token of an {@code Authorization: Bearer …} header, or null. */
  public static String bearer(String header) {
    if (header == null || header.length() < 8 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return null;
    }
    return header.substring(7).trim();
  }

  private static void unauthenticated(RoutingContext ctx) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"lienlac\"");
    Problems.send(ctx, 401, "unauthenticated");
  }
}
