package vn.lienlac.infra.sandbox.zalo;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import vn.lienlac.infra.sandbox.ProviderBehaviour;
import vn.lienlac.infra.sandbox.Responses;

/**
 * Zalo's OAuth token refresh ({@code POST /v4/oa/access_token}, form {@code refresh_token}, {@code app_id},
 * {@code grant_type=refresh_token}, header {@code secret_key}). Like Zalo, a refresh token works once:
 * a spent one is refused, so a test in which two processes both refresh with it fails.
 */
final class ZaloOAuthTwin {

  static final int INVALID_REFRESH_TOKEN = -14014;

  private final Vertx vertx;
  private final ZaloSandboxAccount account;
  private final Clock clock;
  final ProviderBehaviour behaviour = new ProviderBehaviour();
  private final Set<String> validRefresh = new HashSet<>();
  private final Set<String> spentRefresh = new HashSet<>();
  private final Map<String, Instant> accessTokens = new HashMap<>();
  private final AtomicLong refreshes = new AtomicLong();
  private final AtomicLong reusedRefused = new AtomicLong();
  private long lifetimeSeconds = 90_000;

  ZaloOAuthTwin(Vertx vertx, ZaloSandboxAccount account, Clock clock) {
    this.vertx = vertx;
    this.account = account;
    this.clock = clock;
    validRefresh.add(account.initialRefreshToken());
  }

  void mount(Router router) {
    router.post("/v4/oa/access_token").handler(this::refresh);
  }

  synchronized boolean validAccessToken(String token) {
    Instant expires = token == null ? null : accessTokens.get(token);
    return expires != null && expires.isAfter(clock.instant());
  }

  /** Makes every issued access token invalid (Zalo revoking them), so the next call gets a token error. */
  synchronized void revokeAccessTokens() {
    accessTokens.clear();
  }

  synchronized void lifetimeSeconds(long seconds) {
    lifetimeSeconds = seconds;
  }

  /** A refresh token as authorising the OA again would give it (what the operator stores with set-token). */
  synchronized String authorise() {
    String token = "sandbox-refresh-" + UUID.randomUUID();
    validRefresh.add(token);
    return token;
  }

  long refreshes() {
    return refreshes.get();
  }

  long reusedRefused() {
    return reusedRefused.get();
  }

  private void refresh(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    JsonObject reply;
    int status = 200;
    String fault = behaviour.nextFault(clock.instant());
    if (fault != null && ProviderBehaviour.isHttpStatus(fault)) {
      status = Integer.parseInt(fault);
      reply = new JsonObject().put("error", -status).put("error_name", "Sandbox fault");
    } else if (!account.appSecret().equals(ctx.request().getHeader("secret_key"))) {
      reply = error(-14001, "Invalid secret key", "secret_key header is missing or wrong");
    } else if (!account.appId().equals(form.get("app_id"))) {
      reply = error(-14002, "Invalid app id", "app_id is missing or unknown");
    } else if (!"refresh_token".equals(form.get("grant_type"))) {
      reply = error(-14003, "Invalid grant type", "grant_type must be refresh_token");
    } else {
      reply = issue(form.get("refresh_token"));
    }
    Responses.json(vertx, ctx, behaviour.latencyMs(), status, reply);
  }

  private synchronized JsonObject issue(String refreshToken) {
    if (refreshToken == null || !validRefresh.remove(refreshToken)) {
      if (refreshToken != null && spentRefresh.contains(refreshToken)) {
        reusedRefused.incrementAndGet();
      }
      return error(INVALID_REFRESH_TOKEN, "Invalid refresh token", "refresh token is invalid or was already used");
    }
    spentRefresh.add(refreshToken);
    refreshes.incrementAndGet();
    String access = "sandbox-access-" + UUID.randomUUID();
    String next = "sandbox-refresh-" + UUID.randomUUID();
    validRefresh.add(next);
    accessTokens.put(access, clock.instant().plusSeconds(lifetimeSeconds));
    return new JsonObject().put("access_token", access).put("refresh_token", next)
        .put("expires_in", Long.toString(lifetimeSeconds));
  }

  private static JsonObject error(int code, String name, String description) {
    return new JsonObject().put("error", code).put("error_name", name).put("error_reason", description)
        .put("error_description", description);
  }
}
