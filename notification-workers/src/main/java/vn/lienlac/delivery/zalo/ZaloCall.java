package vn.lienlac.delivery.zalo;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.lienlac.delivery.channel.HttpOutcomes;
import vn.lienlac.delivery.channel.SendResult;

/**
 * One authenticated call to a Zalo API: header {@code access_token} (not Bearer), the optional
 * {@code appsecret_proof}; when Zalo says the token is invalid, one replacement token and one more try.
 */
final class ZaloCall {

  /** Zalo's answer: {@code reply} null when the body was not JSON. */
  record Answer(int status, JsonObject reply, Duration retryAfter) {
    int error() {
      return reply == null ? Integer.MIN_VALUE : reply.getInteger("error", Integer.MIN_VALUE);
    }
  }

  /** The access token could not be obtained: nothing was sent. */
  static final class NoToken extends RuntimeException {
    NoToken(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final WebClient client;
  private final ZaloTokens tokens;
  private final ZaloOaAccount oa;

  ZaloCall(WebClient client, ZaloTokens tokens, ZaloOaAccount oa) {
    this.client = client;
    this.tokens = tokens;
    this.oa = oa;
  }

  Future<Answer> post(String url, JsonObject body) {
    return tokens.accessToken(oa).recover(e -> Future.failedFuture(new NoToken(e)))
        .compose(token -> send(url, body, token).compose(answer -> ZaloErrors.tokenInvalid(answer.error())
            ? tokens.replace(oa, token).recover(e -> Future.failedFuture(new NoToken(e)))
                .compose(replaced -> send(url, body, replaced))
            : Future.succeededFuture(answer)));
  }

  private Future<Answer> send(String url, JsonObject body, String token) {
    var request = client.postAbs(url).putHeader("access_token", token).timeout(oa.requestTimeout().toMillis());
    if (oa.appSecretProof()) {
      request.putHeader("appsecret_proof", appSecretProof(oa.appSecret(), token));
    }
    return request.sendJsonObject(body).map(response -> {
      JsonObject reply;
      try {
        reply = response.body() == null ? null : response.bodyAsJsonObject();
      } catch (DecodeException | ClassCastException e) {
        reply = null;
      }
      return new Answer(response.statusCode(), reply,
          HttpOutcomes.retryAfter(response.getHeader("Retry-After"), Instant.now()));
    });
  }

  /** A call that failed before Zalo answered, as a send result. */
  static SendResult failed(String what, Throwable failure) {
    if (failure instanceof NoToken) {
      return new SendResult.Transient("no Zalo access token: " + failure.getMessage(), Duration.ofMinutes(1), false);
    }
    return HttpOutcomes.noAnswer(what, failure);
  }

  /** An HTTP status other than 200, as a send result. */
  static SendResult httpStatus(String what, Answer answer) {
    if (answer.status() == 429 || answer.status() >= 500) {
      return new SendResult.Transient(what + " HTTP " + answer.status(), answer.retryAfter(), answer.status() != 503);
    }
    return new SendResult.Permanent(what + " refused the request (HTTP " + answer.status() + ")");
  }

  static String appSecretProof(String appSecret, String accessToken) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
