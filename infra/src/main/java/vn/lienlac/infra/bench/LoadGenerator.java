package vn.lienlac.infra.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.lienlac.infra.launcher.UserFacingException;

/** The parent's handle on an {@link ApiLoadProcess} running in its own JVM. */
final class LoadGenerator implements AutoCloseable {

  private final Process process;
  private final BufferedReader lines;
  private final Writer commands;

  private LoadGenerator(Process process) {
    this.process = process;
    this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  static LoadGenerator start(List<String> arguments, Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of(ApiProcess.java(), "-Xmx1g", "-XX:+UseG1GC",
        "-cp", System.getProperty("java.class.path"), "vn.lienlac.infra.launcher.Main", "bench", "api-load"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    builder.environment().put("LIENLAC_LOG_FORMAT", "text");
    try {
      LoadGenerator generator = new LoadGenerator(builder.start());
      Runtime.getRuntime().addShutdownHook(new Thread(generator.process::destroyForcibly));
      return generator;
    } catch (IOException e) {
      throw new UserFacingException("cannot start the load generator: " + e.getMessage(), e);
    }
  }

  /** The next JSON line it reports, or null when it ended. */
  JsonObject next() throws IOException {
    String line = lines.readLine();
    return line == null ? null : new JsonObject(line);
  }

  void go() throws IOException {
    commands.write("go\n");
    commands.flush();
  }

  @Override
  public void close() {
    try {
      commands.close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
