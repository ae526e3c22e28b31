package vn.lienlac.infra.sandbox.fcm;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import vn.lienlac.infra.sandbox.Outbox;
import vn.lienlac.infra.sandbox.ProviderBehaviour;
import vn.lienlac.infra.sandbox.Received;

/**
 * Firebase Cloud Messaging HTTP v1 on loopback: Google's OAuth token endpoint for a service account
 * (RS256 JWT bearer assertion, checked against the sandbox account's public key) at {@code POST /token},
 * and {@code POST /v1/projects/{project}/messages:send} checking the bearer token, the project and the
 * request shape, answering FCM's error documents. Controllable like every twin (latency, error rates
 * per FCM code such as {@code UNREGISTERED}, outages answering 503, and 429 QUOTA_EXCEEDED above the
 * per-minute quota, 600,000 by default). Tokens starting with {@code dead-} are always UNREGISTERED.
 */
public final class FcmTwin {

  public static final String TOKEN_PATH = "/token";
  public static final int DEFAULT_QUOTA_PER_MINUTE = 600_000;

  private final Vertx vertx;
  private final FcmSandboxAccount account;
  private final Outbox outbox;
  private final Clock clock;
  public final ProviderBehaviour behaviour = new ProviderBehaviour();
  private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
  private final AtomicLong tokensIssued = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private volatile long tokenLifetimeSeconds = 3600;

  public FcmTwin(Vertx vertx, FcmSandboxAccount account, Outbox outbox, Clock clock) {
    this.vertx = vertx;
    this.account = account;
    this.outbox = outbox;
    this.clock = clock;
    behaviour.quotaPerMinute(DEFAULT_QUOTA_PER_MINUTE);
  }

  public void mount(Router router) {
    router.post(TOKEN_PATH).handler(this::token);
    router.postWithRegex("/v1/projects/([^/]+)/messages:send").handler(this::send);
    router.get("/sandbox/fcm").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end(stats().encode()));
  }

  public JsonObject stats() {
    return new JsonObject().put("tokensIssued", tokensIssued.get()).put("accepted", accepted.get())
        .put("throttled", behaviour.throttled()).put("tokenLifetimeSeconds", tokenLifetimeSeconds);
  }

  /** Tests shorten it to see tokens refreshed. */
  public void tokenLifetimeSeconds(long seconds) {
    tokenLifetimeSeconds = seconds;
  }

  private void token(RoutingContext ctx) {
    String grant = ctx.request().getFormAttribute("grant_type");
    String assertion = ctx.request().getFormAttribute("assertion");
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant) || assertion == null) {
      oauthError(ctx, "unsupported_grant_type", "grant_type must be the JWT bearer grant with an assertion");
      return;
    }
    String problem = checkAssertion(assertion, clock.instant());
    if (problem != null) {
      oauthError(ctx, "invalid_grant", problem);
      return;
    }
    String token = "ya29.sandbox-" + UUID.randomUUID();
    accessTokens.put(token, clock.instant().plusSeconds(tokenLifetimeSeconds));
    tokensIssued.incrementAndGet();
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("access_token", token)
        .put("expires_in", tokenLifetimeSeconds).put("token_type", "Bearer").encode());
  }

  private String checkAssertion(String jwt, Instant now) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return "the assertion is not a JWT";
    }
    try {
      Base64.Decoder d = Base64.getUrlDecoder();
      JsonObject header = new JsonObject(new String(d.decode(parts[0]), StandardCharsets.UTF_8));
      JsonObject claims = new JsonObject(new String(d.decode(parts[1]), StandardCharsets.UTF_8));
      if (!"RS256".equals(header.getString("alg"))) {
        return "the assertion must be signed with RS256";
      }
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(account.publicKey());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(d.decode(parts[2]))) {
        return "Invalid JWT Signature.";
      }
      if (!account.account().clientEmail().equals(claims.getString("iss"))) {
        return "the issuer is not a known service account";
      }
      if (!String.valueOf(claims.getString("scope")).contains("https://www.googleapis.com/auth/firebase.messaging")) {
        return "the scope does not include firebase.messaging";
      }
      String aud = claims.getString("aud", "");
      if (!aud.endsWith(TOKEN_PATH)) {
        return "the audience must be the token endpoint";
      }
      long exp = claims.getLong("exp", 0L);
      long iat = claims.getLong("iat", 0L);
      if (exp <= now.getEpochSecond() || exp - iat > 3600 || iat > now.getEpochSecond() + 300) {
        return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.";
      }
      return null;
    } catch (RuntimeException | java.security.GeneralSecurityException e) {
      return "the assertion could not be read";
    }
  }

  private void send(RoutingContext ctx) {
    Instant now = clock.instant();
    String project = ctx.pathParam("param0");
    String auth = ctx.request().getHeader("Authorization");
    Instant expiry = auth == null || !auth.startsWith("Bearer ") ? null : accessTokens.get(auth.substring(7));
    if (expiry == null || !now.isBefore(expiry)) {
      error(ctx, 401, "UNAUTHENTICATED", null, "Request had invalid authentication credentials.", null);
      return;
    }
    if (!account.account().projectId().equals(project)) {
      error(ctx, 403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch", null);
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    Map.Entry<String, String> violation = FcmRequestCheck.violation(body);
    if (violation != null) {
      error(ctx, 400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", violation.getValue(), violation.getKey());
      return;
    }
    JsonObject message = body.getJsonObject("message");
    String token = message.getString("token");
    String fault = behaviour.nextFault(now);
    if (fault == null && token != null && token.startsWith("dead-")) {
      fault = "UNREGISTERED";
    }
    if (fault != null) {
      fault(ctx, fault);
      return;
    }
    String name = "projects/" + project + "/messages/" + UUID.randomUUID();
    JsonObject n = message.getJsonObject("notification", new JsonObject());
    String text = (n.getString("title") == null ? "" : n.getString("title") + " — ") + n.getString("body", "");
    String to = token != null ? token : message.getString("topic", message.getString("condition"));
    outbox.add(new Received("fcm", "push", to, project, text, now, name));
    accepted.incrementAndGet();
    respond(ctx, 200, new JsonObject().put("name", name));
  }

  private void fault(RoutingContext ctx, String fault) {
    switch (fault) {
      case "429", "QUOTA_EXCEEDED" -> {
        ctx.response().putHeader("Retry-After", "1");
        error(ctx, 429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded for quota metric 'Messages'", null);
      }
      case "503", "UNAVAILABLE" -> {
        ctx.response().putHeader("Retry-After", "1");
        error(ctx, 503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.", null);
      }
      case "500", "INTERNAL" -> error(ctx, 500, "INTERNAL", "INTERNAL", "Internal error encountered.", null);
      case "UNREGISTERED", "404" -> error(ctx, 404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.", null);
      case "INVALID_ARGUMENT", "400" -> error(ctx, 400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
          "The registration token is not a valid FCM registration token", "message.token");
      case "SENDER_ID_MISMATCH", "403" -> error(ctx, 403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch", null);
      case "THIRD_PARTY_AUTH_ERROR", "401" -> error(ctx, 401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR",
          "Auth error from APNS or Web Push Service", null);
      default -> error(ctx, ProviderBehaviour.isHttpStatus(fault) ? Integer.parseInt(fault) : 500, "INTERNAL", fault,
          "sandbox fault " + fault, null);
    }
  }

  private void error(RoutingContext ctx, int status, String grpcStatus, String fcmCode, String message, String field) {
    JsonArray details = new JsonArray();
    if (fcmCode != null) {
      details.add(new JsonObject().put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
          .put("errorCode", fcmCode));
    }
    if (field != null) {
      details.add(new JsonObject().put("@type", "type.googleapis.com/google.rpc.BadRequest")
          .put("fieldViolations", new JsonArray().add(new JsonObject().put("field", field).put("description", message))));
    }
    respond(ctx, status, new JsonObject().put("error", new JsonObject().put("code", status).put("message", message)
        .put("status", grpcStatus).put("details", details)));
  }

  private void oauthError(RoutingContext ctx, String error, String description) {
    ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", error).put("error_description", description).encode());
  }

  private void respond(RoutingContext ctx, int status, JsonObject body) {
    long latency = behaviour.latencyMs();
    Runnable send = () -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(body.encode());
    if (latency > 0) {
      vertx.setTimer(latency, t -> send.run());
    } else {
      send.run();
    }
  }
}
