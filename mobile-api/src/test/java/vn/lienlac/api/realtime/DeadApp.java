package vn.lienlac.api.realtime;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An app whose phone went into a tunnel: it completes the WebSocket handshake over a plain socket,
 * then never answers anything. Reads the server's frames (unmasked) until the close frame.
 */
final class DeadApp implements AutoCloseable {

  private final Socket socket;
  private final DataInputStream in;

  private DeadApp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
  }

  static DeadApp connect(int port, String token) throws IOException {
    return connect(port, token, 0);
  }

  /** @param receiveBuffer SO_RCVBUF for the socket (0: the system's); small makes a stalled app fill up fast */
  static DeadApp connect(int port, String token, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(15_000);
    String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    OutputStream out = socket.getOutputStream();
    out.write(("GET /api/v1/realtime HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Protocol: lienlac.v1, bearer." + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    DeadApp app = new DeadApp(socket);
    String status = app.readHeaders();
    if (!status.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("no upgrade: " + status);
    }
    return app;
  }

  private String readHeaders() throws IOException {
    InputStream raw = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = raw.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /** The text of the next text frame (pings skipped). */
  String nextText() throws IOException {
    while (true) {
      int first = in.readUnsignedByte();
      byte[] payload = payload();
      if ((first & 0x0f) == 0x1) {
        return new String(payload, StandardCharsets.UTF_8);
      }
    }
  }

  /** Skips pings and data frames; returns the close code of the server's close frame. */
  int awaitCloseCode() throws IOException {
    while (true) {
      int first = in.readUnsignedByte();
      byte[] payload = payload();
      if ((first & 0x0f) == 0x8) {
        return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
      }
    }
  }

  private byte[] payload() throws IOException {
    int length = in.readUnsignedByte() & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      throw new IOException("unexpectedly large frame");
    }
    return in.readNBytes(length);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
