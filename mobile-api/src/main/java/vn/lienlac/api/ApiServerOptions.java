package vn.lienlac.api;

import java.time.Duration;
import vn.lienlac.api.platform.limits.RateLimits;

/**
 * @param shutdownGrace how long in-flight requests may take to finish once shutdown starts
 * @param rateLimits requests per user and per IP under {@code /api/v1}
 */
public record ApiServerOptions(String host, int port, Duration shutdownGrace, RateLimits rateLimits) {

  public ApiServerOptions(String host, int port, Duration shutdownGrace) {
    this(host, port, shutdownGrace, RateLimits.DEFAULTS);
  }
}
