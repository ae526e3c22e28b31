package vn.lienlac.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.infra.support.testing.TestServices;

/**
 * Two api processes (this JVM and a child JVM: separate Vert.x, pools, Redis subscribers and
 * servers) on one database and one Redis. The catch-up poll is off in both, so an event produced in
 * one process reaches an app connected to the other only through the Redis fan-out.
 */
class RealtimeTwoProcessesTest {

  static ApiTestServer a;
  static Process b;
  static int bPort;
  static PrintWriter bCommands;
  /** The child's protocol lines; a reader thread drains its output so its logging never blocks it. */
  static final java.util.concurrent.BlockingQueue<String> bAnswers = new java.util.concurrent.LinkedBlockingQueue<>();
  static Vertx apps;
  static Path keyFile;

  @BeforeAll
  static void start() throws Exception {
    a = ApiTestServer.start("rt_two", RealtimeOptions.defaults().withCatchUpInterval(Duration.ofHours(1)));
    keyFile = Files.createTempFile("lienlac-test-key", ".pem");
    Files.writeString(keyFile, a.key.toPem());
    ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), SecondApiProcess.class.getName(),
        a.url.uri(), keyFile.toString(), a.realtime.options().channel()).redirectErrorStream(true);
    builder.environment().put("LIENLAC_TEST_REDIS_URL", TestServices.redis());
    b = builder.start();
    bCommands = new PrintWriter(b.getOutputStream(), true, StandardCharsets.UTF_8);
    Process child = b;
    Thread.ofPlatform().daemon().name("second-api-output").start(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("@@ ")) {
            bAnswers.add(line);
          }
        }
      } catch (java.io.IOException ignored) {
        // the child ended
      }
      bAnswers.add("@@ ended");
    });
    bPort = Integer.parseInt(answer("port"));
    apps = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (b != null) {
      bCommands.println("quit");
      if (!b.waitFor(20, TimeUnit.SECONDS)) {
        b.destroyForcibly();
      }
    }
    if (apps != null) {
      ApiTestServer.await(apps.close());
    }
    a.close();
    Files.deleteIfExists(keyFile);
  }

  /** The next protocol line of the child. */
  private static String answer(String kind) throws Exception {
    String line = bAnswers.poll(60, TimeUnit.SECONDS);
    if (line == null || !line.startsWith("@@ " + kind + " ")) {
      throw new AssertionError("second api process said " + line + " instead of " + kind);
    }
    return line.substring(kind.length() + 4);
  }

  private static long publishThroughB(String subject, JsonObject data) throws Exception {
    bCommands.println("publish " + subject + " " + RealtimeEvents.MESSAGE_CREATED + " " + data.encode());
    return Long.parseLong(answer("published"));
  }

  @Test
  void an_app_connected_to_one_process_receives_events_published_by_the_other() throws Exception {
    try (AppSocket onA = AppSocket.withHeader(apps, a.port(), a.token(Caller.guardian(6001, "a")), "");
         AppSocket onB = AppSocket.withHeader(apps, bPort, a.token(Caller.guardian(6002, "b")), "")) {
      onA.next();
      onB.next();

      long fromB = publishThroughB("g:6001", new JsonObject().put("from", "B"));
      JsonObject receivedOnA = onA.next();
      assertThat(receivedOnA.getLong("id")).isEqualTo(fromB);
      assertThat(receivedOnA.getJsonObject("data").getString("from")).isEqualTo("B");

      long fromA = ApiTestServer.await(a.realtime.events().publish("g:6002", RealtimeEvents.INVOICE_UPDATED,
          new JsonObject().put("from", "A")));
      JsonObject receivedOnB = onB.next();
      assertThat(receivedOnB.getLong("id")).isEqualTo(fromA);
      assertThat(receivedOnB.getString("event")).isEqualTo("invoice.updated");
    }
  }

  @Test
  void a_user_on_both_processes_gets_one_gap_free_sequence_whoever_publishes() throws Exception {
    try (AppSocket phone = AppSocket.withHeader(apps, a.port(), a.token(Caller.guardian(6003, "phone")), "");
         AppSocket tablet = AppSocket.withHeader(apps, bPort, a.token(Caller.guardian(6003, "tablet")), "")) {
      phone.next();
      tablet.next();
      for (int i = 0; i < 10; i++) {
        if (i % 2 == 0) {
          publishThroughB("g:6003", new JsonObject().put("i", i));
        } else {
          ApiTestServer.await(a.realtime.events().publish("g:6003", RealtimeEvents.MESSAGE_CREATED, new JsonObject().put("i", i)));
        }
      }
      for (AppSocket app : List.of(phone, tablet)) {
        List<Long> ids = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          JsonObject e = app.next();
          ids.add(e.getLong("id"));
          order.add(e.getJsonObject("data").getInteger("i"));
        }
        assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      }
    }
  }
}
