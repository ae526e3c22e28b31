package vn.lienlac.messaging.directory.impl;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * Where the copy of one upstream table stands, as stored in {@code directory.sync_position}.
 *
 * @param changedSince the incremental position: every row up to it has been copied
 * @param fullPassStartedAt set while a full pass is under way (so a crashed one resumes)
 * @param fullPassTracksKeys whether this full pass records the keys it sees to find deleted rows
 * @param fullPassAt how far the current full pass has read
 */
record SyncPosition(
    Cursor changedSince,
    OffsetDateTime fullPassStartedAt,
    boolean fullPassTracksKeys,
    Cursor fullPassAt,
    OffsetDateTime lastFullPassAt) {

  /** A point in the (updated_at, key) order of an upstream table. */
  record Cursor(OffsetDateTime updatedAt, String[] key) {}

  static final SyncPosition NEVER_SYNCED = new SyncPosition(null, null, false, null, null);

  static SyncPosition from(Row row) {
    return new SyncPosition(
        cursor(row.getOffsetDateTime("changed_since"), row.getArrayOfStrings("changed_since_key")),
        row.getOffsetDateTime("full_pass_started_at"),
        Boolean.TRUE.equals(row.getBoolean("full_pass_tracks_keys")),
        cursor(row.getOffsetDateTime("full_pass_at"), row.getArrayOfStrings("full_pass_at_key")),
        row.getOffsetDateTime("last_full_pass_at"));
  }

  boolean fullPassUnderWay() {
    return fullPassStartedAt != null;
  }

  SyncPosition startFullPass(OffsetDateTime now, boolean tracksKeys) {
    return new SyncPosition(changedSince, now, tracksKeys, null, lastFullPassAt);
  }

  /** After a page: the incremental position never moves back; a full pass moves its own. */
  SyncPosition advancedTo(Cursor pageEnd, boolean fullPass) {
    // A full pass re-reads old rows: it moves the incremental position only when it passes it
    // (on equal timestamps a restart merely re-reads a few rows, which is harmless).
    Cursor incremental = !fullPass || changedSince == null
        || !pageEnd.updatedAt().isBefore(changedSince.updatedAt()) ? pageEnd : changedSince;
    return fullPass
        ? new SyncPosition(incremental, fullPassStartedAt, fullPassTracksKeys, pageEnd, lastFullPassAt)
        : new SyncPosition(incremental, fullPassStartedAt, fullPassTracksKeys, fullPassAt, lastFullPassAt);
  }

  SyncPosition fullPassFinished() {
    return new SyncPosition(changedSince, null, false, null, fullPassStartedAt);
  }

  Tuple toTuple(String table) {
    return Tuple.tuple()
        .addString(table)
        .addOffsetDateTime(changedSince == null ? null : changedSince.updatedAt())
        .addArrayOfString(changedSince == null ? null : changedSince.key())
        .addOffsetDateTime(fullPassStartedAt)
        .addBoolean(fullPassUnderWay() ? fullPassTracksKeys : null)
        .addOffsetDateTime(fullPassAt == null ? null : fullPassAt.updatedAt())
        .addArrayOfString(fullPassAt == null ? null : fullPassAt.key())
        .addOffsetDateTime(lastFullPassAt);
  }

  private static Cursor cursor(OffsetDateTime at, String[] key) {
    return at == null ? null : new Cursor(at, key);
  }
}
