package vn.lienlac.messaging.directory;

/** Told about a sync as it goes, e.g. to print rows, rate and ETA. Called on the event loop: be quick. */
public interface SyncProgress {

  SyncProgress SILENT = new SyncProgress() {};

  default void tableStarted(String table, boolean fullPass, long expectedRows) {}

  default void pageCopied(String table, long rowsSoFar, long expectedRows) {}

  default void tableFinished(TableSummary summary) {}
}
