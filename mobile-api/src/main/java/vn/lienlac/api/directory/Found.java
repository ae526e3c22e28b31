package vn.lienlac.api.directory;

import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import vn.lienlac.api.http.Problems;

/** Answers the one row a reach-joined lookup found, or 404 exactly as for something that does not exist. */
final class Found {

  private Found() {}

  static void oneOr404(RoutingContext ctx, RowSet<Row> rows, String jsonColumn) {
    if (rows.size() == 0) {
      Problems.send(ctx, 404, "not-found");
      return;
    }
    ctx.json(rows.iterator().next().getValue(jsonColumn));
  }
}
