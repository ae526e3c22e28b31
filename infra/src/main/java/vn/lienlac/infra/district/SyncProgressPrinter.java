package vn.lienlac.infra.district;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.lienlac.messaging.directory.SyncProgress;
import vn.lienlac.messaging.directory.SyncSummary;
import vn.lienlac.messaging.directory.TableSummary;

/**
 * While a sync runs: rows done per table being copied, the overall rate and an ETA; then one line per
 * finished table. Tables are copied in parallel, so one status line shows all of them. Called from
 * event-loop threads, hence synchronized.
 */
public final class SyncProgressPrinter implements SyncProgress {

  private record Table(long started, long expected, long done) {}

  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private final Map<String, Table> running = new LinkedHashMap<>();
  private long lastPrinted;
  private long firstStarted;
  private long rowsOfFinishedTables;

  public SyncProgressPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void tableStarted(String table, boolean fullPass, long expectedRows) {
    long now = System.nanoTime();
    if (firstStarted == 0) {
      firstStarted = now;
    }
    running.put(table, new Table(now, expectedRows, 0));
    clearStatus();
    out.printf("%-20s %s, %,d rows to read%n", table, fullPass ? "full pass" : "changes only", expectedRows);
  }

  @Override
  public synchronized void pageCopied(String table, long rowsSoFar, long expectedRows) {
    Table t = running.get(table);
    if (t != null) {
      running.put(table, new Table(t.started(), Math.max(expectedRows, rowsSoFar), rowsSoFar));
    }
    long now = System.nanoTime();
    if (now - lastPrinted < (terminal ? 500_000_000L : 5_000_000_000L)) {
      return;
    }
    lastPrinted = now;
    StringBuilder line = new StringBuilder();
    long done = rowsOfFinishedTables;
    long remaining = 0;
    for (Map.Entry<String, Table> e : running.entrySet()) {
      Table r = e.getValue();
      line.append(String.format("%s %,d/%,d  ", e.getKey(), r.done(), r.expected()));
      done += r.done();
      remaining += Math.max(r.expected() - r.done(), 0);
    }
    double rate = done / Math.max((now - firstStarted) / 1e9, 1e-3);
    line.append(String.format("| %,.0f rows/s, ETA %s", rate, rate > 0 ? String.format("%.0fs", remaining / rate) : "?"));
    if (terminal) {
      out.print("\r" + line + "\033[K");
    } else {
      out.println("  " + line);
    }
  }

  @Override
  public synchronized void tableFinished(TableSummary t) {
    running.remove(t.table());
    rowsOfFinishedTables += t.read();
    clearStatus();
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

  private void clearStatus() {
    if (terminal) {
      out.print("\r\033[K");
    }
  }
}
