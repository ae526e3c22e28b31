package vn.lienlac.infra.district;

import java.io.PrintStream;
import vn.lienlac.messaging.directory.SyncProgress;
import vn.lienlac.messaging.directory.SyncSummary;
import vn.lienlac.messaging.directory.TableSummary;

/** Rows per table, rate and ETA while a sync runs, then one line per finished table. */
public final class SyncProgressPrinter implements SyncProgress {

  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private long tableStarted;
  private long lastPrinted;

  public SyncProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void tableStarted(String table, boolean fullPass, long expectedRows) {
    tableStarted = System.nanoTime();
    lastPrinted = 0;
    out.printf("%-20s %s, %,d rows to read%n", table, fullPass ? "full pass" : "changes only", expectedRows);
  }

  @Override
  public void pageCopied(String table, long rowsSoFar, long expectedRows) {
    long now = System.nanoTime();
    if (now - lastPrinted < (terminal ? 500_000_000L : 5_000_000_000L)) {
      return;
    }
    lastPrinted = now;
    double seconds = Math.max((now - tableStarted) / 1e9, 1e-3);
    double rate = rowsSoFar / seconds;
    long remaining = Math.max(expectedRows - rowsSoFar, 0);
    String eta = rate > 0 ? String.format("%.0fs", remaining / rate) : "?";
    String line = String.format("  %-18s %,11d / %,d  %,9.0f rows/s  ETA %s", table, rowsSoFar, expectedRows, rate, eta);
    if (terminal) {
      out.print("\r" + line + "   ");
    } else {
      out.println(line);
    }
  }

  @Override
  public void tableFinished(TableSummary t) {
    if (terminal) {
      out.print("\r" + " ".repeat(80) + "\r");
    }
    out.printf("  %-18s read %,d: %,d new, %,d changed, %,d unchanged, %,d skipped, %,d flagged, %,d removed (%.1f s)%n",
        t.table(), t.read(), t.inserted(), t.updated(), t.unchanged(), t.rejected(), t.flagged(), t.removed(),
        t.seconds());
    t.rejectedByReason().forEach((reason, n) -> out.printf("      skipped %,d: %s%n", n, reason));
  }

  /** The closing line of a run. */
  public void finished(SyncSummary s) {
    out.printf("%s in %.1f s: %,d rows read, %,d new, %,d changed, %,d skipped, %,d flagged, %,d removed%n",
        s.outcome() == SyncSummary.Outcome.COMPLETED ? "Đồng bộ xong / sync completed" : "Đã dừng / sync stopped",
        s.seconds(), s.total(TableSummary::read), s.total(TableSummary::inserted), s.total(TableSummary::updated),
        s.total(TableSummary::rejected), s.total(TableSummary::flagged), s.total(TableSummary::removed));
  }
}
