package vn.lienlac.messaging.directory;

import java.util.List;

/** The result of one sync run, table by table. */
public record SyncSummary(long runId, Outcome outcome, List<TableSummary> tables, double seconds) {

  public enum Outcome {
    COMPLETED,
    /** Stopped on request (shutdown) after the last committed page; the next run resumes. */
    STOPPED
  }

  public long total(java.util.function.ToLongFunction<TableSummary> field) {
    return tables.stream().mapToLong(field).sum();
  }
}
