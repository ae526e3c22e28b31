package vn.lienlac.api;

import java.time.Duration;
import vn.lienlac.api.http.TrustedProxies;

/**
 * @param shutdownGrace how long in-flight requests may take to finish once shutdown starts
 * @param trustedProxies proxies whose {@code X-Forwarded-For} names the client (none: the socket address counts)
 */
public record ApiServerOptions(String host, int port, Duration shutdownGrace, TrustedProxies trustedProxies) {

  public ApiServerOptions(String host, int port, Duration shutdownGrace) {
    this(host, port, shutdownGrace, TrustedProxies.NONE);
  }
}
