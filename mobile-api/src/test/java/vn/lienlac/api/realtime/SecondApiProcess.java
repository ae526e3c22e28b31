package vn.lienlac.api.realtime;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import vn.lienlac.api.auth.SigningKey;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.infra.support.db.PgUrl;

/**
 * A second api process for {@link RealtimeTwoProcessesTest}: its own JVM, Vert.x, pool, Redis
 * subscriber and server, on the test's database, key and channel. Prints {@code @@ port N}; then
 * reads {@code publish <subject> <type> <json>} lines from stdin and answers {@code @@ published <id>}.
 *
 * <p>Arguments: database URI, signing key PEM file, realtime channel. Redis comes from
 * {@code LIENLAC_TEST_REDIS_URL}, which the test sets to its own.
 */
public final class SecondApiProcess {

  private SecondApiProcess() {}

  public static void main(String[] args) throws Exception {
    SigningKey key = SigningKey.fromPem(Files.readString(Path.of(args[1])));
    RealtimeOptions options = RealtimeOptions.defaults().withChannel(args[2]).withCatchUpInterval(Duration.ofHours(1));
    try (ApiTestServer server = ApiTestServer.onDatabase(PgUrl.parse(args[0]), key, options)) {
      System.out.println("@@ port " + server.port());
      System.out.flush();
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = commands.readLine()) != null && !line.equals("quit")) {
        String[] p = line.split(" ", 4);
        if (p.length == 4 && p[0].equals("publish")) {
          long id = ApiTestServer.await(server.realtime.events().publish(p[1], p[2], new JsonObject(p[3])));
          System.out.println("@@ published " + id);
        } else {
          System.out.println("@@ error unknown command");
        }
        System.out.flush();
      }
    }
    System.exit(0);
  }
}
