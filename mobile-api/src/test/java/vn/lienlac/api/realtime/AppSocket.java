package vn.lienlac.api.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test app on the realtime WebSocket (the Vert.x WebSocket client): frames received, and how it closed. */
final class AppSocket implements AutoCloseable {

  final WebSocket ws;
  final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<Short> closed = new CompletableFuture<>();
  private final WebSocketClient client;

  /** Handlers go on before the handshake: the server may close at once (4401), before a later handler could be set. */
  private AppSocket(WebSocketClient client, ClientWebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode()));
  }

  /** Authenticates with {@code Sec-WebSocket-Protocol: lienlac.v1, bearer.<token>}. */
  static AppSocket withHeader(Vertx vertx, int port, String token, String query) {
    return connect(vertx, port, query, List.of(RealtimeFeature.SUBPROTOCOL, "bearer." + token));
  }

  /** Connects without a token; the test sends the auth frame. */
  static AppSocket bare(Vertx vertx, int port, String query) {
    return connect(vertx, port, query, List.of(RealtimeFeature.SUBPROTOCOL));
  }

  private static AppSocket connect(Vertx vertx, int port, String query, List<String> protocols) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions());
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/api/v1/realtime" + query).setSubProtocols(new ArrayList<>(protocols));
    AppSocket app = new AppSocket(client, client.webSocket());
    try {
      ((ClientWebSocket) app.ws).connect(connect).await(10, TimeUnit.SECONDS);
      return app;
    } catch (Exception e) {
      client.close();
      throw new IllegalStateException("cannot connect: " + e, e);
    }
  }

  void sendAuth(String token, Long lastEventId) {
    JsonObject auth = new JsonObject().put("type", "auth").put("token", token);
    if (lastEventId != null) {
      auth.put("lastEventId", lastEventId);
    }
    ws.writeTextMessage(auth.encode());
  }

  JsonObject next() {
    try {
      JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within 10 s");
      }
      return frame;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Frames up to and including the first of the given type. */
  List<JsonObject> until(String type) {
    List<JsonObject> got = new ArrayList<>();
    JsonObject f;
    do {
      f = next();
      got.add(f);
    } while (!type.equals(f.getString("type")));
    return got;
  }

  /** The close code the server sent (-1 when the connection ended without one). */
  short closeCode() {
    try {
      return closed.get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the server did not close the connection within 15 s", e);
    }
  }

  @Override
  public void close() {
    try {
      if (!ws.isClosed()) {
        ws.close().await(5, TimeUnit.SECONDS);
      }
    } catch (Exception ignored) {
      // already gone
    } finally {
      client.close();
    }
  }
}
