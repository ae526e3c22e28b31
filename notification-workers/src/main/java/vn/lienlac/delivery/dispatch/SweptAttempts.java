package vn.lienlac.delivery.dispatch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * What one sweep saw of the attempts it read, written back in one statement so the next sweep does
 * not read them again until one of them fails (column {@code delivery.attempt.swept_as}).
 */
final class SweptAttempts {

  private final List<Long> ids = new ArrayList<>();
  private final List<String> marks = new ArrayList<>();

  /**
   * @param settled true when nothing about the recipient's latest step is left to wait for: the step
   *     was over and decided, or the recipient no longer waits. Otherwise the latest step's attempts
   *     that have not failed stay due (for a later hold or the fallback delay); only the failures are
   *     marked seen.
   */
  void saw(Long[] attemptIds, Integer[] steps, String[] states, int latestStep, boolean settled) {
    for (int i = 0; i < attemptIds.length; i++) {
      boolean failed = "failed".equals(states[i]) || "unknown".equals(states[i]);
      if (failed || settled || steps[i] != latestStep) {
        ids.add(attemptIds[i]);
        marks.add(failed ? states[i] : "open");
      }
    }
  }

  Future<Void> mark(SqlConnection tx) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(DispatchSql.MARK_SWEPT)
        .execute(Tuple.of(ids.toArray(Long[]::new), (Object) marks.toArray(String[]::new))).mapEmpty();
  }
}
