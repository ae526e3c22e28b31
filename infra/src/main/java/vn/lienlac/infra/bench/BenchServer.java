package vn.lienlac.infra.bench;

import java.nio.file.Path;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.ProjectPaths;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.embedded.EmbeddedPostgresServer;

/** The PostgreSQL server a benchmark runs against: the configured one, or an embedded durable one. */
final class BenchServer implements AutoCloseable {

  private final PgUrl server;
  private final EmbeddedPostgresServer embedded;

  private BenchServer(PgUrl server, EmbeddedPostgresServer embedded) {
    this.server = server;
    this.embedded = embedded;
  }

  static BenchServer open(LienlacConfig config) {
    if (config.has(Setting.PG_URL)) {
      return new BenchServer(PgUrl.parse(config.string(Setting.PG_URL)).withDatabase("postgres"), null);
    }
    Path dir = ProjectPaths.resolve(config.string(Setting.DATA_DIR)).resolve("bench").resolve("postgres");
    System.err.println("bench: starting embedded PostgreSQL in " + dir);
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, EmbeddedPostgresServer.Durability.DURABLE);
    return new BenchServer(pg.url("postgres"), pg);
  }

  PgUrl database(String name) {
    return server.withDatabase(name);
  }

  PgUrl server() {
    return server;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
