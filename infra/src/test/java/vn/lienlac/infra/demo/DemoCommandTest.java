package vn.lienlac.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./lienlac demo` as a person uses it: starts with nothing but the JDK, serves, stops on Ctrl-C
 * (SIGINT/SIGTERM) leaving no server behind, and a second start reuses the data.
 */
class DemoCommandTest {

  @TempDir
  Path dataDir;

  @Test
  void the_demo_starts_serves_stops_cleanly_and_reuses_its_data_on_the_next_start() throws Exception {
    String first = runDemoUntilReadyThenStop();
    assertThat(first).contains("seeding a sandbox district").contains("sync completed").contains("fake bank");
    assertThat(first).contains(DemoAccounts.PRINCIPAL).contains(DemoAccounts.ACCOUNTANT).contains(DemoAccounts.DISTRICT_OFFICER)
        .contains("GVCN").contains(DemoAccounts.TEACHER_PASSWORD).containsPattern("\\{\"phone\":\"\\+84\\d{9}\"\\}");

    String second = runDemoUntilReadyThenStop();
    assertThat(second).doesNotContain("seeding a sandbox district").contains(DemoAccounts.PRINCIPAL_PASSWORD).contains("GVCN");
    assertThat(Files.exists(dataDir.resolve("demo/postgres/PG_VERSION"))).isTrue();
  }

  private String runDemoUntilReadyThenStop() throws Exception {
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), "vn.lienlac.infra.launcher.Main",
        "demo", "--schools", "2", "--students-per-school", "60")
        .redirectErrorStream(true);
    builder.environment().put("LIENLAC_DATA_DIR", dataDir.toString());
    builder.environment().put("LIENLAC_HTTP_PORT", String.valueOf(port));
    builder.environment().put("LIENLAC_SANDBOX_BANK_PORT", String.valueOf(freePort()));
    builder.environment().remove("LIENLAC_PG_URL");
    Process demo = builder.start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        output.append(line).append('\n');
        if (line.contains("Ctrl-C")) {
          break;
        }
      }
      HttpResponse<String> ready = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as(output + ready.body()).isEqualTo(200);
      HttpResponse<String> principal = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/password"))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + DemoAccounts.PRINCIPAL
                  + "\",\"password\":\"" + DemoAccounts.PRINCIPAL_PASSWORD + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(principal.statusCode()).as("the banner's principal signs in: " + principal.body()).isEqualTo(200);
      java.util.regex.Matcher sandbox = java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/sandbox)\\s").matcher(output);
      assertThat(sandbox.find()).as("the banner names the sandbox page: " + output).isTrue();
      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.group(1))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).contains("Hộp thư sandbox");
      String token = new io.vertx.core.json.JsonObject(principal.body()).getString("accessToken");
      HttpResponse<String> fees = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/fee-items"))
              .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(new io.vertx.core.json.JsonObject(fees.body()).getJsonArray("items")).as("the demo school has fee items").hasSize(3);

      demo.toHandle().destroy(); // SIGTERM, as an orchestrator would (Ctrl-C sends SIGINT: same shutdown hooks)
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo stops within a minute").isTrue();
      for (String line; (line = out.readLine()) != null; ) {
        output.append(line).append('\n');
      }
    } finally {
      demo.destroyForcibly();
    }
    assertThat(output).contains("stopped");
    assertThat(postgresStillRunningOn(dataDir)).as("no PostgreSQL left running").isFalse();
    return output.toString();
  }

  private static boolean postgresStillRunningOn(Path dir) {
    return ProcessHandle.allProcesses()
        .anyMatch(p -> p.isAlive() && p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
