package vn.lienlac.api;

import java.time.Duration;

/**
 * @param shutdownGrace how long in-flight requests may take to finish once shutdown starts
 */
public record ApiServerOptions(String host, int port, Duration shutdownGrace) {}
