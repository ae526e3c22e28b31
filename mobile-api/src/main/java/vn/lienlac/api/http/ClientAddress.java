package vn.lienlac.api.http;

import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The address a request came from, decided once per request for the audit trail and per-IP limits.
 * It is the socket's peer, unless that peer is a {@link TrustedProxies trusted proxy}: then
 * {@code X-Forwarded-For} is read from the right (each proxy appends the address it received from),
 * skipping further trusted proxies, and the first address not ours is the client. An entry that is not
 * an IP literal stops the walk: whatever lies left of it was written by someone we do not trust.
 */
public final class ClientAddress {

  public static final String FORWARDED_FOR = "X-Forwarded-For";
  private static final String KEY = "lienlac.clientAddress";

  private ClientAddress() {}

  /** The handler that records the client address of every request; the first on the router. */
  public static Handler<RoutingContext> resolver(TrustedProxies trusted) {
    return ctx -> {
      SocketAddress peer = ctx.request().remoteAddress();
      String socket = peer == null ? null : peer.hostAddress();
      ctx.put(KEY, resolve(socket, ctx.request().headers().getAll(FORWARDED_FOR), trusted));
      ctx.next();
    };
  }

  /** The client's address as an IP literal, or null when unknown (no socket address, e.g. a unix socket). */
  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  static String resolve(String socketAddress, java.util.List<String> forwardedFor, TrustedProxies trusted) {
    String client = normalised(socketAddress);
    if (client == null || trusted.isEmpty() || !trusted.contains(client)) {
      return client;
    }
    // Several X-Forwarded-For headers are one list, in order (RFC 9110 field lines).
    java.util.List<String> hops = new java.util.ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = normalised(hops.get(i));
      if (hop == null) {
        return client;
      }
      client = hop;
      if (!trusted.contains(hop)) {
        return hop;
      }
    }
    return client;
  }

  private static String normalised(String text) {
    byte[] bytes = TrustedProxies.literal(text);
    if (bytes == null) {
      return null;
    }
    try {
      return java.net.InetAddress.getByAddress(bytes).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }
}
