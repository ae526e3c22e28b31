package vn.lienlac.infra.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.launcher.UserFacingException;

@Command(name = "recon", mixinStandardHelpOptions = true,
    description = {"Generates 1,000,000 open invoices and 1,000,000 bank transactions with realistic memo noise",
        "(scaled by --scale), then runs `./lienlac recon` on the files in a separate JVM capped at --heap.",
        "Prints {\"bench\":\"recon\",\"invoices\":…,\"credits\":…,\"batch_s\":…,\"peak_heap_mib\":…,",
        "\"intake_rps\":null,\"ack_p99_ms\":null,\"apply_p99_ms\":null}: the webhook intake half of the",
        "benchmark needs the intake endpoints, which are not built yet, so it prints null there.",
        "Targets: batch ≤ 30 s with heap ≤ 2 GiB."})
public final class ReconBench implements Callable<Integer> {

  @Option(names = "--scale", defaultValue = "1.0", description = "Size factor (1.0 = 1,000,000 each).")
  double scale;

  @Option(names = "--heap", defaultValue = "2g", description = "-Xmx of the recon process. Default: ${DEFAULT-VALUE}.")
  String heap;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (scale <= 0 || scale > 10) {
      throw new IllegalArgumentException("--scale must be in (0, 10], got " + scale);
    }
    int n = Math.max(10, (int) Math.round(1_000_000 * scale));
    Path dir = Files.createTempDirectory("lienlac-bench-recon");
    try {
      Path invoices = dir.resolve("invoices.csv");
      Path transactions = dir.resolve("transactions.csv");
      Path result = dir.resolve("result.csv");
      System.err.printf("bench: writing %,d invoices and %,d transactions to %s%n", n, n, dir);
      ReconFiles.write(invoices, transactions, n, 2026);
      List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap,
          "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"), "vn.lienlac.infra.launcher.Main",
          "recon", "--invoices", invoices.toString(), "--transactions", transactions.toString(),
          "--out", result.toString(), "--stats");
      Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String stats;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        stats = out.readLine();
      }
      if (child.waitFor() != 0 || stats == null) {
        throw new UserFacingException("the recon process failed");
      }
      JsonObject s = new JsonObject(stats);
      System.out.println(new JsonObject()
          .put("bench", "recon")
          .put("invoices", n)
          .put("credits", s.getLong("credits"))
          .put("batch_s", Double.parseDouble(String.format(Locale.ROOT, "%.2f", s.getDouble("seconds"))))
          .put("peak_heap_mib", s.getLong("peak_heap_mib"))
          .putNull("intake_rps").putNull("ack_p99_ms").putNull("apply_p99_ms")
          .encode());
      return 0;
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
  }
}
