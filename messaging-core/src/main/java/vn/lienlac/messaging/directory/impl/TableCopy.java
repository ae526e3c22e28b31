package vn.lienlac.messaging.directory.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import vn.lienlac.messaging.directory.SyncProgress;
import vn.lienlac.messaging.directory.TableSummary;

/**
 * Copies one upstream table page by page in (updated_at, key) order. Each page is written in one
 * transaction together with the new position, so a crash loses at most the page in flight and the
 * next run continues after the last committed one. The next page is read while the current one is
 * written; at most two pages are in memory.
 */
final class TableCopy {

  private final SourceTable table;
  private final TableStatements sql;
  private final Pool district;
  private final Pool ours;
  private final int pageSize;
  private final Duration fullPassEvery;
  private final SyncProgress progress;
  private final BooleanSupplier stopRequested;

  private SyncPosition position;
  private boolean fullPass;
  private boolean hasRejections;
  private long expected;
  private long read;
  private long inserted;
  private long updated;
  private long rejected;
  private long flagged;
  private long removed;
  private final TreeMap<String, Long> rejectedByReason = new TreeMap<>();
  private boolean stopped;

  TableCopy(SourceTable table, Pool district, Pool ours, int pageSize, Duration fullPassEvery,
      SyncProgress progress, BooleanSupplier stopRequested) {
    this.table = table;
    this.sql = new TableStatements(table, pageSize);
    this.district = district;
    this.ours = ours;
    this.pageSize = pageSize;
    this.fullPassEvery = fullPassEvery;
    this.progress = progress;
    this.stopRequested = stopRequested;
  }

  boolean stopped() {
    return stopped;
  }

  Future<TableSummary> run(boolean fullPassRequested) {
    long started = System.nanoTime();
    return ours.preparedQuery(TableStatements.LOAD_POSITION).execute(Tuple.of(table.upstreamTable))
        .map(rows -> rows.size() == 0 ? SyncPosition.NEVER_SYNCED : SyncPosition.from(rows.iterator().next()))
        .compose(loaded -> prepare(loaded, fullPassRequested))
        .compose(v -> countExpected())
        .compose(v -> {
          progress.tableStarted(table.upstreamTable, fullPass, expected);
          return copyPages(fullPass ? position.fullPassAt() : position.changedSince());
        })
        .compose(v -> stopped || !fullPass ? Future.succeededFuture() : finishFullPass())
        .map(v -> {
          TableSummary summary = new TableSummary(table.upstreamTable, fullPass, read, inserted, updated, rejected,
              flagged, removed, (System.nanoTime() - started) / 1e9, rejectedByReason);
          progress.tableFinished(summary);
          return summary;
        });
  }

  private Future<Void> prepare(SyncPosition loaded, boolean fullPassRequested) {
    position = loaded;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    fullPass = loaded.fullPassUnderWay() || fullPassRequested || loaded.lastFullPassAt() == null
        || loaded.lastFullPassAt().plus(fullPassEvery).isBefore(now);
    Future<Boolean> rejections = ours.preparedQuery(TableStatements.HAS_REJECTIONS)
        .execute(Tuple.of(table.upstreamTable)).map(rows -> rows.iterator().next().getBoolean(0));
    Future<Void> started = !fullPass || loaded.fullPassUnderWay()
        ? Future.succeededFuture()
        // Keys are tracked only when our copy has rows that could have vanished upstream.
        : ours.query(sql.hasRows).execute()
            .map(rows -> rows.iterator().next().getBoolean(0))
            .compose(tracks -> ours.withTransaction(conn -> {
              position = loaded.startFullPass(now, tracks);
              return conn.preparedQuery(TableStatements.CLEAR_SEEN_KEYS).execute(Tuple.of(table.upstreamTable))
                  .compose(v -> savePosition(conn));
            }));
    return started.compose(v -> rejections).map(has -> {
      hasRejections = has;
      return null;
    });
  }

  private Future<Void> countExpected() {
    SyncPosition.Cursor from = fullPass ? position.fullPassAt() : position.changedSince();
    Future<RowSet<Row>> count = from == null
        ? district.query(sql.countAll).execute()
        : district.preparedQuery(sql.countAfter).execute(cursorTuple(from));
    return count.map(rows -> {
      expected = rows.iterator().next().getLong(0);
      return null;
    });
  }

  private Future<RowSet<Row>> readPage(SyncPosition.Cursor after) {
    return after == null
        ? district.query(sql.firstPage).execute()
        : district.preparedQuery(sql.nextPage).execute(cursorTuple(after));
  }

  /**
   * The page loop. Written with one promise for the whole table rather than a chain of composed
   * futures, so that a finished page is garbage at once instead of being held until the table ends.
   */
  private Future<Void> copyPages(SyncPosition.Cursor from) {
    Promise<Void> done = Promise.promise();
    step(readPage(from), done);
    return done.future();
  }

  private void step(Future<RowSet<Row>> pending, Promise<Void> done) {
    pending.onComplete(read -> {
      if (read.failed()) {
        done.fail(read.cause());
        return;
      }
      RowSet<Row> rows = read.result();
      if (rows == null || rows.size() == 0) {
        done.complete();
        return;
      }
      Page page = Page.of(table, rows);
      Future<RowSet<Row>> next = rows.size() < pageSize ? Future.succeededFuture(null) : readPage(page.end());
      writePage(page).onComplete(written -> {
        if (written.failed()) {
          done.fail(written.cause());
        } else if (stopRequested.getAsBoolean()) {
          stopped = true;
          done.complete();
        } else {
          step(next, done);
        }
      });
    });
  }

  private Future<Void> writePage(Page page) {
    SyncPosition advanced = position.advancedTo(page.end(), fullPass);
    return ours.withTransaction(conn -> {
      Future<Void> chain = page.accepted() == 0
          ? Future.succeededFuture()
          : conn.preparedQuery(sql.upsert).execute(page.upsertTuple()).map(rows -> {
              for (Row row : rows) {
                if (row.getBoolean(0)) inserted++; else updated++;
              }
              return null;
            });
      if (fullPass && position.fullPassTracksKeys()) {
        chain = chain.compose(v -> conn.preparedQuery(TableStatements.STAGE_SEEN_KEYS)
            .execute(Tuple.tuple().addString(table.upstreamTable).addArrayOfString(page.allKeys())).mapEmpty());
      }
      if (!page.rejections().isEmpty()) {
        chain = chain.compose(v -> conn.preparedQuery(TableStatements.RECORD_REJECTIONS)
            .execute(page.rejectionTuple(table.upstreamTable)).mapEmpty());
      }
      if (hasRejections && page.accepted() > 0) {
        chain = chain.compose(v -> conn.preparedQuery(TableStatements.CLEAR_REJECTIONS)
            .execute(Tuple.tuple().addString(table.upstreamTable).addArrayOfString(page.acceptedKeys())).mapEmpty());
      }
      position = advanced;
      return chain.compose(v -> savePosition(conn));
    }).onSuccess(v -> {
      read += page.size();
      rejected += page.rejections().size();
      flagged += page.flagged();
      hasRejections |= !page.rejections().isEmpty();
      for (Page.Rejection r : page.rejections()) {
        rejectedByReason.merge(r.reason().code(), 1L, Long::sum);
      }
      progress.pageCopied(table.upstreamTable, read, expected);
    });
  }

  private Future<Void> finishFullPass() {
    return ours.withTransaction(conn -> {
      Future<Void> marked = !position.fullPassTracksKeys()
          ? Future.succeededFuture()
          : conn.preparedQuery(sql.markRemoved).execute(Tuple.of(table.upstreamTable)).map(rows -> {
              removed = rows.iterator().next().getLong(0);
              return null;
            });
      return marked
          .compose(v -> conn.preparedQuery(TableStatements.CLEAR_SEEN_KEYS).execute(Tuple.of(table.upstreamTable)))
          .compose(v -> {
            position = position.fullPassFinished();
            return savePosition(conn);
          });
    });
  }

  private Future<Void> savePosition(SqlConnection conn) {
    return conn.preparedQuery(TableStatements.SAVE_POSITION).execute(position.toTuple(table.upstreamTable)).mapEmpty();
  }

  private Tuple cursorTuple(SyncPosition.Cursor cursor) {
    Tuple tuple = Tuple.tuple().addOffsetDateTime(cursor.updatedAt());
    List<SourceTable.KeyColumn> key = table.key;
    for (int i = 0; i < key.size(); i++) {
      String part = cursor.key()[i];
      tuple.addValue(key.get(i).type() == SourceTable.KeyType.BIGINT ? (Object) Long.parseLong(part) : part);
    }
    return tuple;
  }
}
