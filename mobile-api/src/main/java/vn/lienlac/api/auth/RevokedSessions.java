package vn.lienlac.api.auth;

import io.vertx.core.Future;

/** Whether a sign-in session was ended (logout, refresh-token reuse) before its access tokens expire. */
@FunctionalInterface
public interface RevokedSessions {

  RevokedSessions NONE = sessionId -> Future.succeededFuture(false);

  Future<Boolean> isRevoked(String sessionId);
}
