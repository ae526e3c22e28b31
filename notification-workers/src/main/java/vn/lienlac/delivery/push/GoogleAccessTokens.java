package vn.lienlac.delivery.push;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * OAuth2 access tokens for a service account (RFC 7523 JWT bearer grant, as Google's token endpoint
 * takes it): an RS256-signed assertion {iss, scope, aud, iat, exp} is exchanged for a bearer token,
 * which is cached until shortly before it expires. Concurrent callers share one refresh.
 */
public final class GoogleAccessTokens {

  public static final String FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
  static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

  private final WebClient client;
  private final ServiceAccount account;
  private final String tokenUrl;
  private final Duration refreshEarly;
  private final Clock clock;
  private String token;
  private Instant expiresAt = Instant.MIN;
  private Future<String> refreshing;
  private long fetched;

  /** @param tokenUrl the token endpoint (the account's {@code token_uri} unless configured otherwise) */
  public GoogleAccessTokens(WebClient client, ServiceAccount account, String tokenUrl, Duration refreshEarly, Clock clock) {
    this.client = client;
    this.account = account;
    this.tokenUrl = tokenUrl;
    this.refreshEarly = refreshEarly;
    this.clock = clock;
  }

  /** A token valid for at least {@code refreshEarly} more. Runs on the caller's context. */
  public synchronized Future<String> token() {
    if (token != null && clock.instant().isBefore(expiresAt.minus(refreshEarly))) {
      return Future.succeededFuture(token);
    }
    if (refreshing == null) {
      refreshing = fetch().andThen(ar -> {
        synchronized (this) {
          refreshing = null;
        }
      });
    }
    return refreshing;
  }

  /** Forgets the cached token (the provider refused it: revoked or rotated). */
  public synchronized void invalidate() {
    token = null;
  }

  /** Tokens obtained from the endpoint so far (for tests and metrics). */
  public synchronized long fetched() {
    return fetched;
  }

  private Future<String> fetch() {
    Instant now = clock.instant();
    String assertion;
    try {
      assertion = assertion(account, tokenUrl, now);
    } catch (GeneralSecurityException e) {
      return Future.failedFuture(new IllegalStateException("could not sign the FCM token assertion: " + e.getMessage()));
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").add("assertion", assertion);
    return client.postAbs(tokenUrl).timeout(10_000).sendForm(form).compose(response -> {
      if (response.statusCode() != 200) {
        return Future.failedFuture(new IllegalStateException("the OAuth token endpoint answered HTTP "
            + response.statusCode()));
      }
      JsonObject body = response.bodyAsJsonObject();
      String access = body.getString("access_token");
      long expiresIn = body.getLong("expires_in", 3600L);
      if (access == null) {
        return Future.failedFuture(new IllegalStateException("the OAuth token endpoint gave no access_token"));
      }
      synchronized (this) {
        token = access;
        expiresAt = now.plusSeconds(expiresIn);
        fetched++;
      }
      return Future.succeededFuture(access);
    });
  }

  /** The signed JWT: header.claims.signature, each base64url without padding. */
  static String assertion(ServiceAccount account, String audience, Instant now) throws GeneralSecurityException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = new JsonObject().put("alg", "RS256").put("typ", "JWT").encode();
    String claims = new JsonObject().put("iss", account.clientEmail()).put("scope", FCM_SCOPE).put("aud", audience)
        .put("iat", now.getEpochSecond()).put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond()).encode();
    String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(account.privateKey());
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(rsa.sign());
  }
}
