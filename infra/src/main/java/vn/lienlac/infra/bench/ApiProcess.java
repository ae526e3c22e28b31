package vn.lienlac.infra.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.lienlac.infra.launcher.UserFacingException;

/**
 * An api process of the benchmark: {@code lienlac serve --role api} in its own JVM, exactly as
 * deployed, with its log in a file. Its heap is read from its own {@code /metrics} after asking it
 * to collect garbage ({@code jcmd <pid> GC.run}): the memory the open connections really hold, not
 * the garbage G1 has not yet needed to collect.
 */
final class ApiProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ApiProcess start(String heap, int port, Map<String, String> env, Path log) {
    return start(heap, port, env, log, "api");
  }

  /** @param role {@code api}, or {@code all} for a process that also runs the workers */
  static ApiProcess start(String heap, int port, Map<String, String> env, Path log, String role) {
    List<String> command = List.of(java(), "-Xmx" + heap, "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
        "vn.lienlac.infra.launcher.Main", "serve", "--role", role);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(env);
    try {
      ApiProcess api = new ApiProcess(builder.start(), port);
      Runtime.getRuntime().addShutdownHook(new Thread(api.process::destroyForcibly));
      return api;
    } catch (IOException e) {
      throw new UserFacingException("cannot start the api process: " + e.getMessage(), e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits until {@code /health/ready} answers 200. */
  void awaitReady(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new UserFacingException("the api process ended with exit code " + process.exitValue() + " (see its log)");
      }
      try {
        if (get("/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new UserFacingException("the api process was not ready within " + patience.toSeconds() + " s (see its log)");
  }

  /** Heap in use (MiB) right after a full collection, from the process's own metrics. */
  long heapAfterGcMib() throws IOException, InterruptedException {
    Process gc = new ProcessBuilder(Path.of(java()).resolveSibling("jcmd").toString(), Long.toString(pid()), "GC.run")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
      System.err.println("bench: jcmd GC.run did not succeed; the heap figure includes uncollected garbage");
    }
    return heapUsedMib();
  }

  /** Heap in use (MiB) now, garbage included, from the process's own metrics. */
  long heapUsedMib() throws IOException, InterruptedException {
    double bytes = 0;
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Math.round(bytes / (1024 * 1024));
  }

  /** CPU time the api process has used so far (all its threads). */
  Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: the graceful stop of a deployment
    try {
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
