package vn.lienlac.api.signin;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** What a successful sign-in or refresh returns to the app. */
record IssuedTokens(String accessToken, Duration accessTokenLifetime, String refreshToken,
                    Duration refreshTokenLifetime, String sessionId) {

  JsonObject toJson() {
    return new JsonObject()
        .put("accessToken", accessToken)
        .put("tokenType", "Bearer")
        .put("expiresIn", accessTokenLifetime.toSeconds())
        .put("refreshToken", refreshToken)
        .put("refreshTokenExpiresIn", refreshTokenLifetime.toSeconds())
        .put("sessionId", sessionId);
  }
}
