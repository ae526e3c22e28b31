package vn.lienlac.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.v1.ApiV1;

class RequestLimitsTest {

  static PlatformTestApi platform;
  static String token;

  @BeforeAll
  static void start() {
    platform = new PlatformTestApi("request_limits");
    token = platform.api.token(Caller.guardian(7, "s7"));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static String nested(String text, int depth) {
    // {"text":…,"extra":[[…]]}: the object is one level, each array one more.
    return "{\"text\":\"" + text + "\",\"extra\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
  }

  @Test
  void json_nested_32_deep_is_accepted() {
    HttpResponse<String> r = platform.post("/api/v1/notes", token, null, nested("deep-enough", 32));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @Test
  void json_nested_deeper_than_32_is_refused_naming_the_limit_before_validation() {
    HttpResponse<String> r = platform.post("/api/v1/notes", token, null, nested("too-deep", 33));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject problem = new JsonObject(r.body());
    assertThat(problem.getString("type")).endsWith("/json-too-deep");
    assertThat(problem.getInteger("maxDepth")).isEqualTo(32);
    assertThat(platform.notes("too-deep")).isZero();
  }

  @Test
  void brackets_inside_strings_do_not_count_as_nesting() {
    String body = new JsonObject().put("text", "brackets").put("extra", "[".repeat(100) + "\\\"{".repeat(50)).encode();
    HttpResponse<String> r = platform.post("/api/v1/notes", token, null, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @Test
  void a_websocket_upgrade_passes_the_guards_and_frames_flow_both_ways() throws Exception {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + platform.port() + "/api/v1/socket"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frames.add(data.toString());
            socket.request(1);
            return null;
          }
        })
        .get(10, TimeUnit.SECONDS);
    assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
    ws.sendText("ping", true);
    assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:ping");
  }

  @Test
  void a_body_over_256_kib_is_413_on_the_real_server() {
    String big = new JsonObject().put("text", "x".repeat((int) ApiV1.BODY_LIMIT_BYTES)).encode();
    HttpResponse<String> r = platform.api.send(HttpRequest.newBuilder(platform.api.uri("/api/v1/me"))
        .POST(HttpRequest.BodyPublishers.ofString(big)).header("content-type", "application/json"), token, Map.of());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(new JsonObject(r.body()).getString("type")).endsWith("/body-too-large");
  }

  @Test
  void a_body_over_256_kib_is_413_before_the_handler_runs() {
    String big = new JsonObject().put("text", "big").put("extra", "x".repeat((int) ApiV1.BODY_LIMIT_BYTES)).encode();
    HttpResponse<String> r = platform.post("/api/v1/notes", token, null, big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(r.body()).getString("type")).endsWith("/body-too-large");
    assertThat(platform.notes("big")).isZero();
  }
}
