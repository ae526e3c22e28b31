package vn.lienlac.messaging.directory.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import vn.lienlac.messaging.directory.DirectorySync;
import vn.lienlac.messaging.directory.DirectorySyncOptions;
import vn.lienlac.messaging.directory.SyncMode;
import vn.lienlac.messaging.directory.SyncProgress;
import vn.lienlac.messaging.directory.SyncSummary;
import vn.lienlac.messaging.directory.TableSummary;

/** Runs the table copies in dependency order under a cluster-wide advisory lock. */
public final class DirectorySyncImpl implements DirectorySync {

  /** pg advisory lock key shared by every process that may sync ("lienlac" in ASCII). */
  private static final long SYNC_LOCK = 0x6c69656e6c6163L;

  private static final String TRY_LOCK = "SELECT pg_try_advisory_lock($1)";
  private static final String UNLOCK = "SELECT pg_advisory_unlock($1)";
  private static final String START_RUN = "INSERT INTO directory.sync_run (requested) VALUES ($1) RETURNING id";
  private static final String FINISH_RUN =
      "UPDATE directory.sync_run SET finished_at = now(), outcome = $2, summary = $3 WHERE id = $1";

  /**
   * The upstream tables in the order of DistrictSchema.TABLES. Our copy has no foreign keys, so tables
   * are independent and may be copied in parallel.
   */
  static List<SourceTable> tables() {
    return List.of(new SchoolTable(), new TeacherTable(), new ClassTable(), new StudentTable(),
        new GuardianTable(), new GuardianLinkTable(), new AssignmentTable());
  }

  /** The biggest tables start first so that parallel lanes finish together. */
  private static final List<String> LARGEST_FIRST =
      List.of("hoc_sinh_phu_huynh", "phu_huynh", "hoc_sinh", "phan_cong", "giao_vien", "lop", "truong");

  private final Pool district;
  private final Pool ours;
  private final DirectorySyncOptions options;
  private volatile boolean stopRequested;

  public DirectorySyncImpl(Pool district, Pool ours, DirectorySyncOptions options) {
    this.district = district;
    this.ours = ours;
    this.options = options;
  }

  @Override
  public void requestStop() {
    stopRequested = true;
  }

  @Override
  public Future<SyncSummary> run(SyncMode mode, SyncProgress progress) {
    stopRequested = false;
    return ours.getConnection().compose(lockConnection -> lockConnection.preparedQuery(TRY_LOCK)
        .execute(Tuple.of(SYNC_LOCK))
        .compose(rows -> {
          if (!rows.iterator().next().getBoolean(0)) {
            return Future.<SyncSummary>failedFuture(new AlreadyRunning());
          }
          return runLocked(mode, progress).eventually(() -> unlock(lockConnection));
        })
        .eventually(lockConnection::close));
  }

  private Future<Void> unlock(SqlConnection connection) {
    return connection.preparedQuery(UNLOCK).execute(Tuple.of(SYNC_LOCK)).mapEmpty();
  }

  private Future<SyncSummary> runLocked(SyncMode mode, SyncProgress progress) {
    long started = System.nanoTime();
    List<SourceTable> tables = tables();
    AtomicReferenceArray<TableSummary> done = new AtomicReferenceArray<>(tables.size());
    return ours.preparedQuery(START_RUN).execute(Tuple.of(mode.name().toLowerCase()))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(runId -> copyTables(tables, mode, progress, done)
            .compose(stopped -> {
              List<TableSummary> summaries = new ArrayList<>();
              for (int i = 0; i < done.length(); i++) {
                if (done.get(i) != null) {
                  summaries.add(done.get(i));
                }
              }
              SyncSummary summary = new SyncSummary(runId,
                  stopped ? SyncSummary.Outcome.STOPPED : SyncSummary.Outcome.COMPLETED,
                  List.copyOf(summaries), (System.nanoTime() - started) / 1e9);
              return ours.preparedQuery(FINISH_RUN)
                  .execute(Tuple.of(runId, summary.outcome().name().toLowerCase(), toJson(summary)))
                  .map(summary);
            }, failure -> ours.preparedQuery(FINISH_RUN)
                .execute(Tuple.of(runId, "failed", new JsonObject().put("error", String.valueOf(failure.getMessage()))))
                .transform(ignored -> Future.failedFuture(failure))));
  }

  /** Copies the tables in parallel lanes; completes with true when stopped on request. */
  private Future<Boolean> copyTables(List<SourceTable> tables, SyncMode mode, SyncProgress progress,
      AtomicReferenceArray<TableSummary> done) {
    List<Integer> queue = new ArrayList<>();
    for (String name : LARGEST_FIRST) {
      for (int i = 0; i < tables.size(); i++) {
        if (tables.get(i).upstreamTable.equals(name)) {
          queue.add(i);
        }
      }
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<Boolean>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(options.parallelTables(), queue.size()); lane++) {
      lanes.add(lane(tables, queue, next, mode, progress, done));
    }
    return Future.all(lanes).map(all -> lanes.stream().anyMatch(Future::result));
  }

  private Future<Boolean> lane(List<SourceTable> tables, List<Integer> queue, AtomicInteger next, SyncMode mode,
      SyncProgress progress, AtomicReferenceArray<TableSummary> done) {
    int position = next.getAndIncrement();
    if (position >= queue.size()) {
      return Future.succeededFuture(false);
    }
    if (stopRequested) {
      return Future.succeededFuture(true);
    }
    int index = queue.get(position);
    TableCopy copy = new TableCopy(tables.get(index), district, ours, options.pageSize(), options.fullPassEvery(),
        progress, () -> stopRequested);
    return copy.run(mode == SyncMode.FULL).compose(summary -> {
      done.set(index, summary);
      return copy.stopped() ? Future.succeededFuture(true) : lane(tables, queue, next, mode, progress, done);
    });
  }

  static JsonObject toJson(SyncSummary summary) {
    JsonArray tables = new JsonArray();
    for (TableSummary t : summary.tables()) {
      tables.add(new JsonObject()
          .put("table", t.table()).put("full_pass", t.fullPass()).put("read", t.read())
          .put("inserted", t.inserted()).put("updated", t.updated()).put("unchanged", t.unchanged())
          .put("rejected", t.rejected()).put("flagged", t.flagged()).put("removed", t.removed())
          .put("seconds", t.seconds()).put("rejected_by_reason", new JsonObject(new java.util.HashMap<>(t.rejectedByReason()))));
    }
    return new JsonObject().put("run_id", summary.runId()).put("outcome", summary.outcome().name().toLowerCase())
        .put("seconds", summary.seconds()).put("tables", tables);
  }
}
