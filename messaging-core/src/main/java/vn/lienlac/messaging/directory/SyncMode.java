package vn.lienlac.messaging.directory;

/** What a sync run is asked to do. */
public enum SyncMode {
  /** Copy what changed since the stored position; run a full pass when one is due or unfinished. */
  AUTO,
  /** Re-read every upstream row and mark rows that vanished upstream as removed. */
  FULL
}
