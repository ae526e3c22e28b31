package vn.lienlac.api.signin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.http.RequestIds;

/** The answers sign-in gives besides tokens. */
final class SignInResponses {

  private static final Logger LOG = LoggerFactory.getLogger(SignInResponses.class);

  private SignInResponses() {}

  /** Redis did not answer a throttle: refuse rather than let codes or password guesses through unmetered. */
  static void throttleUnavailable(RoutingContext ctx, Throwable e) {
    LOG.error("sign-in throttle unavailable for request {}", RequestIds.of(ctx), e);
    Problems.send(ctx, 503, "service-unavailable");
  }

  static void tooManyRequests(RoutingContext ctx, long retryAfterSeconds) {
    ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
    Problems.send(ctx, 429, "too-many-requests", new JsonObject().put("retryAfterSeconds", retryAfterSeconds));
  }

  static void unauthorized(RoutingContext ctx, String type) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"lienlac\"");
    Problems.send(ctx, 401, type);
  }

  /** The client's address as this server sees it (a proxy in front must be trusted to set it right). */
  static String clientIp(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }
}
