package vn.lienlac.messaging.directory;

import java.util.Map;

/**
 * What one sync did to one upstream table. {@code flagged} rows were kept with a data-quality
 * problem (an unusable phone number); {@code rejected} rows were skipped, by reason.
 */
public record TableSummary(
    String table,
    boolean fullPass,
    long read,
    long inserted,
    long updated,
    long rejected,
    long flagged,
    long removed,
    double seconds,
    Map<String, Long> rejectedByReason) {

  public long unchanged() {
    return read - inserted - updated - rejected;
  }
}
