package vn.lienlac.api.realtime;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.api.auth.AccessTokens;
import vn.lienlac.api.auth.Authentication;
import vn.lienlac.api.http.Problems;
import vn.lienlac.api.v1.ApiFeature;

/**
 * {@code GET /api/v1/realtime} (operation {@code openRealtime}): upgrades to a WebSocket and
 * authenticates it, from {@code Sec-WebSocket-Protocol: lienlac.v1, bearer.<token>} or else from the
 * first text frame {@code {"type":"auth","token":…,"lastEventId":…}}. Never from the URL, which ends
 * up in logs. The protocol is in the module README and the contract.
 */
public final class RealtimeFeature implements ApiFeature {

  public static final String PATH = "/realtime";
  /** The subprotocol the server accepts; the HTTP server must list it ({@code setWebSocketSubProtocols}). */
  public static final String SUBPROTOCOL = "lienlac.v1";
  private static final String TOKEN_PROTOCOL_PREFIX = "bearer.";
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeFeature.class);

  private final RealtimeHub hub;
  private final Authentication authentication;

  public RealtimeFeature(RealtimeHub hub, Authentication authentication) {
    this.hub = hub;
    this.authentication = authentication;
  }

  @Override
  public void mount(RouterBuilder contract) {
    // openRealtime is documented in the contract but is not request/response: see mountOutsideContract.
  }

  @Override
  public void mountOutsideContract(Router v1) {
    v1.get(PATH).handler(this::open);
  }

  private void open(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.canUpgradeToWebSocket()) {
      ctx.response().putHeader("Upgrade", "websocket");
      Problems.send(ctx, 426, "websocket-required");
      return;
    }
    Long lastEventId;
    try {
      lastEventId = lastEventId(ctx.queryParams().get("lastEventId"));
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, 400, "request-invalid", new JsonObject().put("errors", new JsonArray()
          .add(new JsonObject().put("field", "lastEventId").put("reason", e.getMessage()))));
      return;
    }
    String headerToken = tokenFromProtocols(request.headers().getAll("Sec-WebSocket-Protocol"));
    Context context = Vertx.currentContext();
    request.toWebSocket()
        .onSuccess(ws -> accept(ws, context, headerToken, lastEventId))
        .onFailure(e -> LOG.debug("realtime upgrade failed: {}", e.getMessage()));
  }

  private void accept(ServerWebSocket ws, Context context, String headerToken, Long queryLastId) {
    RealtimeConnection conn = new RealtimeConnection(ws, context, hub, System.currentTimeMillis());
    hub.opened(conn);
    ws.setWriteQueueMaxSize(RealtimeOptions.WRITE_QUEUE_BYTES);
    ws.closeHandler(v -> conn.gone());
    ws.exceptionHandler(e -> LOG.debug("realtime socket error: {}", e.getMessage()));
    ws.pongHandler(b -> conn.heard(System.currentTimeMillis()));
    ws.binaryMessageHandler(b -> conn.close((short) 4400, "binary frames are not part of the protocol"));
    ws.shutdownHandler(v -> conn.close((short) 1001, "server restarting: reconnect with your last event id"));
    if (headerToken != null) {
      ws.textMessageHandler(t -> conn.close((short) 4400, "unexpected frame: authenticated by the header"));
      authenticate(conn, headerToken, queryLastId);
      return;
    }
    ws.textMessageHandler(text -> {
      conn.heard(System.currentTimeMillis());
      ws.textMessageHandler(t -> conn.close((short) 4400, "unexpected frame: the app sends nothing after auth"));
      AuthFrame auth;
      try {
        auth = AuthFrame.parse(text);
      } catch (IllegalArgumentException e) {
        conn.close((short) 4400, e.getMessage());
        return;
      }
      authenticate(conn, auth.token(), auth.lastEventId() != null ? auth.lastEventId() : queryLastId);
    });
  }

  private void authenticate(RealtimeConnection conn, String token, Long lastEventId) {
    authentication.authenticate(token).onComplete(r -> conn.context.runOnContext(v -> {
      if (r.succeeded()) {
        conn.authenticated(r.result().subject(), lastEventId);
      } else if (r.cause() instanceof AccessTokens.InvalidToken) {
        conn.close((short) 4401, "invalid or expired token");
      } else {
        LOG.warn("realtime authentication could not be checked: {}", r.cause().getMessage());
        conn.close((short) 1011, "try again later");
      }
    }));
  }

  /** The token of a {@code bearer.<token>} entry of {@code Sec-WebSocket-Protocol}, or null. */
  static String tokenFromProtocols(List<String> headerValues) {
    for (String value : headerValues) {
      for (String protocol : value.split(",")) {
        String p = protocol.trim();
        if (p.startsWith(TOKEN_PROTOCOL_PREFIX) && p.length() > TOKEN_PROTOCOL_PREFIX.length()) {
          return p.substring(TOKEN_PROTOCOL_PREFIX.length());
        }
      }
    }
    return null;
  }

  static Long lastEventId(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      long id = Long.parseLong(raw);
      if (id < 0) {
        throw new IllegalArgumentException("lastEventId must not be negative");
      }
      return id;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lastEventId must be a whole number");
    }
  }
}
