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
        "\"intake_rps\":…,\"ack_p99_ms\":…,\"apply_p99_ms\":…}. The intake half runs an api process (child JVM,",
        "serve --role api) against a database of its own and posts signed SePay webhooks at --intake-rate per second,",
        "open loop (120,000 × --scale of them, after an unmeasured warm-up); latencies count from each request's",
        "scheduled time. Every webhook pays an issued invoice; a workers process (serve --role workers) reconciles them,",
        "and apply_p99_ms is until the transaction is seen reconciled (recon_state leaves 'new', polled every 20 ms).",
        "Targets: batch ≤ 30 s with heap ≤ 2 GiB; intake at 2,000/s with ack p99 ≤ 50 ms, applied within 1 s."})
public final class ReconBench implements Callable<Integer> {

  @Option(names = "--scale", defaultValue = "1.0", description = "Size factor (1.0 = 1,000,000 each).")
  double scale;

  @Option(names = "--heap", defaultValue = "2g", description = "-Xmx of the recon process. Default: ${DEFAULT-VALUE}.")
  String heap;

  @Option(names = "--intake-rate", defaultValue = "2000", description = "Webhooks per second of the intake half. Default: ${DEFAULT-VALUE}.")
  double intakeRate;

  @Option(names = "--skip-intake", description = "Run the batch half only (intake figures print null).")
  boolean skipIntake;

  @Option(names = "--intake-only", description = "Run the intake half only (batch figures print null).")
  boolean intakeOnly;

  @Override
  public Integer call() throws Exception {
    if (scale <= 0 || scale > 10) {
      throw new IllegalArgumentException("--scale must be in (0, 10], got " + scale);
    }
    int n = Math.max(10, (int) Math.round(1_000_000 * scale));
    JsonObject line = new JsonObject().put("bench", "recon");
    if (intakeOnly) {
      line.putNull("invoices").putNull("credits").putNull("batch_s").putNull("peak_heap_mib").putNull("heap_used_peak_mib");
    } else {
      batch(n, line);
    }
    if (skipIntake) {
      line.putNull("intake_rps").putNull("ack_p99_ms").putNull("apply_p99_ms");
    } else {
      int webhooks = Math.max(1_000, (int) Math.round(120_000 * scale));
      IntakeBench.Result intake = IntakeBench.run(vn.lienlac.infra.config.LienlacConfig.load(), webhooks, intakeRate);
      if (intake.failed() > 0) {
        System.err.println("bench: " + intake.failed() + " webhooks failed or were not reconciled.");
      }
      line.put("intake_rps", round(intake.rps())).put("ack_p99_ms", round(intake.ackP99Ms()))
          .put("apply_p99_ms", round(intake.applyP99Ms())).put("apply_until", intake.applyUntil())
          .put("intake_failed", intake.failed());
    }
    System.out.println(line.encode());
    return 0;
  }

  private void batch(int n, JsonObject line) throws Exception {
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
      line.put("invoices", n)
          .put("credits", s.getLong("credits"))
          .put("batch_s", Double.parseDouble(String.format(Locale.ROOT, "%.2f", s.getDouble("seconds"))))
          .put("peak_heap_mib", s.getLong("peak_heap_mib"))
          .put("heap_used_peak_mib", s.getLong("heap_used_peak_mib"));
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
  }

  private static double round(double v) {
    return Double.isNaN(v) ? -1 : Math.round(v * 100) / 100.0;
  }
}
