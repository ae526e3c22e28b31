package vn.lienlac.infra.ledger;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.runtime.Connections;
import vn.lienlac.payment.ledger.LedgerCheck;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Kiểm tra sổ cái / proves the ledger balances equal the state of invoices and bank transactions:",
        "receivable:<invoice> = amount due − amount paid, student credit = kept − used, bank = credits booked −",
        "reversals − refunds paid, unapplied = money not yet explained, other income and refunds payable = the",
        "accountants' standing decisions; and each invoice's amount paid = its applications.",
        "Prints every discrepancy; exit 1 if there is any, 0 when all agree."})
public final class LedgerVerifyCommand implements Callable<Integer> {

  @Option(names = "--pg-url", paramLabel = "URL", description = "Our database (default: LIENLAC_PG_URL).")
  String pgUrl;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LienlacConfig config = LienlacConfig.load();
    if (pgUrl != null) {
      config = config.with(Setting.PG_URL, pgUrl, "--pg-url");
    }
    PrintWriter out = spec.commandLine().getOut();
    Vertx vertx = Connections.commandVertx();
    try {
      Pool pool = Connections.ours(vertx, config);
      List<LedgerCheck.Discrepancy> found = LedgerCheck.run(pool).await(10, TimeUnit.MINUTES);
      for (LedgerCheck.Discrepancy d : found) {
        out.println(d);
      }
      out.println(found.isEmpty() ? "ledger verified: every balance agrees with invoices and bank transactions"
          : found.size() + " discrepancies");
      out.flush();
      return found.isEmpty() ? 0 : 1;
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
