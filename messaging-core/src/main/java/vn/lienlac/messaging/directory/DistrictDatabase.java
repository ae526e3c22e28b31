package vn.lienlac.messaging.directory;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The pool through which we read the district database. Its sessions are read-only on the server
 * side, so no bug of ours can ever write to the district's data.
 */
public final class DistrictDatabase {

  private DistrictDatabase() {}

  public static PgConnectOptions connectOptions(String uri) {
    PgConnectOptions options = PgConnectOptions.fromUri(uri);
    options.addProperty("default_transaction_read_only", "on");
    options.addProperty("application_name", "lienlac-directory-sync");
    options.setPipeliningLimit(256);
    return options;
  }

  public static Pool pool(Vertx vertx, String uri, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setName("district"))
        .connectingTo(connectOptions(uri))
        .using(vertx)
        .build();
  }
}
