package vn.lienlac.infra.statements;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.infra.runtime.Connections;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.statement.Statement;
import vn.lienlac.payment.statement.StatementImport;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Imports a statement (camt.053/054, MT940 or the transaction CSV) into our database (LIENLAC_PG_URL):",
        "every line stored exactly once (lines a webhook brought count once), then reconciled like any transaction.",
        "Prints how many lines were new, how many already known, and the credits no webhook had reported",
        "(missed notifications). A file that cannot be read stores nothing and exits 2 naming the problem."})
public final class ImportStatementCommand implements Callable<Integer> {

  /** Where the report goes; tests replace it. */
  static PrintStream out = System.out;

  @Option(names = "--file", required = true, paramLabel = "F", description = "The statement file.")
  Path file;

  @Option(names = "--format", paramLabel = "camt|mt940|csv", description = "Expected format (detected when omitted).")
  String format;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Option(names = "--pg-url", paramLabel = "URL", description = "Our database (default: LIENLAC_PG_URL).")
  String pgUrl;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserFacingException("--file: " + file + " is not a readable file");
    }
    Statement statement = StatementImport.read(Files.readAllBytes(file), format);
    LienlacConfig config = LienlacConfig.load();
    if (pgUrl != null) {
      config = config.with(Setting.PG_URL, pgUrl, "--pg-url");
    }
    config.require(List.of(Setting.PG_URL));
    Vertx vertx = Connections.commandVertx();
    StatementImport.Report report;
    try {
      report = StatementImport.run(BankTransactions.create(Connections.ours(vertx, config)), statement).await();
    } finally {
      vertx.close().await();
    }
    print(report);
    return 0;
  }

  private void print(StatementImport.Report report) {
    if (json) {
      out.println(report.toJson().encode());
      return;
    }
    out.printf("%s: %d lines, %d new, %d already known (webhook, pull or earlier import)%n",
        report.format().name().toLowerCase(), report.lines(), report.added(), report.alreadyKnown());
    out.printf("missed notifications (credits no webhook reported): %d%n", report.missed().size());
    for (StatementImport.Missed m : report.missed()) {
      out.printf("  %s %s %,d đ booked %s%s%n", m.accountNumber(), m.bankTxnId(), m.amount(), m.bookedAt(),
          m.pulled() ? " (found earlier by the bank pull)" : "");
    }
    for (String skipped : report.skipped()) {
      out.println("skipped: " + skipped);
    }
    if (!report.unknownAccounts().isEmpty()) {
      out.println("accounts that are no school's collection account (stored, flagged): " + report.unknownAccounts());
    }
  }
}
