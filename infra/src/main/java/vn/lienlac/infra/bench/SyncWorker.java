package vn.lienlac.infra.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.infra.support.db.PgUrl;

/** The parent's handle on a {@link SyncWorkerProcess} running in its own JVM. */
final class SyncWorker implements AutoCloseable {

  private final Process process;
  private final Writer commands;
  private final BufferedReader answers;

  private SyncWorker(Process process) {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static SyncWorker start(String heap, PgUrl ours, PgUrl district) {
    List<String> command = List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap, "-XX:+UseG1GC",
        "-cp", System.getProperty("java.class.path"), "vn.lienlac.infra.launcher.Main",
        "bench", "district-sync-worker", "--pg-url", ours.uri(), "--district-url", district.uri());
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("LIENLAC_LOG_FORMAT", "text");
    try {
      return new SyncWorker(builder.start());
    } catch (IOException e) {
      throw new UserFacingException("cannot start the sync process: " + e.getMessage(), e);
    }
  }

  JsonObject sync() {
    try {
      commands.write("sync\n");
      commands.flush();
      String answer = answers.readLine();
      if (answer == null) {
        throw new UserFacingException("the sync process ended without an answer (exit code "
            + process.waitFor() + ")");
      }
      return new JsonObject(answer);
    } catch (IOException e) {
      throw new UserFacingException("lost the sync process: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserFacingException("interrupted");
    }
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
