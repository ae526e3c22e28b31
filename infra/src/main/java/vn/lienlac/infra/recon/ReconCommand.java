package vn.lienlac.infra.recon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienlac.infra.launcher.UserFacingException;
import vn.lienlac.payment.csv.Csv;
import vn.lienlac.payment.invoice.InvoiceFile;
import vn.lienlac.payment.reconcile.Outcome;
import vn.lienlac.payment.reconcile.ReconResult;
import vn.lienlac.payment.reconcile.Reconciliation;
import vn.lienlac.payment.statement.BankTransaction;
import vn.lienlac.payment.statement.Statement;
import vn.lienlac.payment.statement.Statements;

@Command(name = "recon", mixinStandardHelpOptions = true,
    description = {"Đối soát / reconciles bank transactions against invoices from files.",
        "Transactions: camt.053/camt.054, MT940 or the CSV form; invoices: the invoice CSV (invoice_id is the",
        "number its payment reference carries). Credits are applied only when the memo carries exactly one",
        "reference we issued; everything else is suggested or unmatched for a person. Writes",
        "bank_txn_id,outcome,invoice_ids,applied_amount,reason (PAYMENTS.md) and prints counts."})
public final class ReconCommand implements Callable<Integer> {

  @Option(names = "--invoices", required = true, paramLabel = "invoices.csv", description = "Open invoices.")
  Path invoices;

  @Option(names = "--transactions", required = true, paramLabel = "FILE", description = "Statement or transaction CSV.")
  Path transactions;

  @Option(names = "--out", required = true, paramLabel = "result.csv", description = "Where to write the result.")
  Path out;

  @Option(names = "--stats", hidden = true, description = "Print seconds and peak heap as JSON on stdout (benchmark).")
  boolean stats;

  @Override
  public Integer call() {
    vn.lienlac.infra.bench.HeapUse.start();
    long started = System.nanoTime();
    Reconciliation recon = new Reconciliation(InvoiceFile.read(read(invoices)));
    Statement statement = Statements.parse(bytes(transactions));
    List<BankTransaction> ordered = new ArrayList<>(statement.transactions());
    ordered.sort(Comparator.comparing(BankTransaction::bookedAt)); // stable: same-time lines keep file order

    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    // Streamed to a temporary file beside the result and moved into place: a million result lines are never
    // held in memory, and a reader never sees half a file.
    write(out, writer -> {
      writer.write("bank_txn_id,outcome,invoice_ids,applied_amount,reason\n");
      for (BankTransaction t : ordered) {
        ReconResult r = recon.apply(t);
        counts.merge(r.outcome(), 1, Integer::sum);
        writer.write(Csv.row(List.of(r.bankTxnId(), r.outcome().code(), String.join(";", r.invoiceIds()),
            Long.toString(r.appliedAmount()), r.reason())));
        writer.write('\n');
      }
    });
    System.err.printf("%d transactions (%s), %d pending entries skipped: %s%n", ordered.size(), statement.format(),
        statement.skipped().size(), counts);
    if (stats) {
      // peak_heap_mib: the most heap still in use right after a collection (the live data the run needs);
      // heap_used_peak_mib: the most in use at any moment, garbage included, which G1 lets grow towards -Xmx.
      System.out.printf(java.util.Locale.ROOT,
          "{\"credits\":%d,\"seconds\":%.3f,\"peak_heap_mib\":%d,\"heap_used_peak_mib\":%d}%n",
          ordered.stream().filter(t -> t.direction() == BankTransaction.Direction.CREDIT).count(),
          (System.nanoTime() - started) / 1e9, vn.lienlac.infra.bench.HeapUse.peakLiveMib(),
          vn.lienlac.infra.bench.HeapUse.peakMib());
    }
    return 0;
  }

  private static String read(Path file) {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserFacingException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** What writes the result's lines. */
  private interface Lines {
    void writeTo(java.io.Writer writer) throws IOException;
  }

  private static void write(Path file, Lines lines) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".recon", ".csv");
      try (java.io.Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        lines.writeTo(writer);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserFacingException("cannot write " + file + ": " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // moved already, or nothing more to do
        }
      }
    }
  }
}
