package vn.lienlac.api;

import java.time.Duration;
import vn.lienlac.api.http.TrustedProxies;
import vn.lienlac.api.platform.limits.RateLimits;

/**
 * @param shutdownGrace how long in-flight requests may take to finish once shutdown starts
 * @param trustedProxies proxies whose {@code X-Forwarded-For} names the client (none: the socket address counts)
 * @param rateLimits requests per user and per IP under {@code /api/v1}
 */
public record ApiServerOptions(String host, int port, Duration shutdownGrace, TrustedProxies trustedProxies,
                               RateLimits rateLimits) {

  public ApiServerOptions(String host, int port, Duration shutdownGrace) {
    this(host, port, shutdownGrace, TrustedProxies.NONE, RateLimits.DEFAULTS);
  }

  public ApiServerOptions(String host, int port, Duration shutdownGrace, RateLimits rateLimits) {
    this(host, port, shutdownGrace, TrustedProxies.NONE, rateLimits);
  }
}
