package vn.lienlac.messaging.directory;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.db.SchemaMigrations;
import vn.lienlac.infra.support.testing.TestServices;

/** A fresh district database and a fresh migrated database of ours, with pools to both. */
final class DirectoryFixture implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final PgUrl districtUrl;
  final PgUrl oursUrl;
  final Pool district;
  final Pool ours;

  DirectoryFixture(String name) {
    districtUrl = TestServices.freshDatabase(name + "_district");
    oursUrl = TestServices.freshDatabase(name + "_ours");
    TestServices.execute(districtUrl, DistrictSchema.ddl());
    migrate(oursUrl);
    district = DistrictDatabase.pool(vertx, districtUrl.uri(), 2);
    ours = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(PgConnectOptions.fromUri(oursUrl.uri())).using(vertx).build();
  }

  static void migrate(PgUrl url) {
    new SchemaMigrations(url, List.of(new SchemaMigrations.ModuleSchema(DirectorySchema.NAME, DirectorySchema.MIGRATIONS)))
        .migrate();
  }

  SyncSummary sync(SyncMode mode) {
    return sync(mode, DirectorySyncOptions.DEFAULTS);
  }

  SyncSummary sync(SyncMode mode, DirectorySyncOptions options) {
    return DirectorySync.create(district, ours, options).run(mode, SyncProgress.SILENT).await();
  }

  void upstream(String... statements) {
    for (String sql : statements) {
      TestServices.execute(districtUrl, sql);
    }
  }

  List<List<String>> ours(String sql) {
    return query(oursUrl, sql);
  }

  String oursValue(String sql) {
    List<List<String>> rows = ours(sql);
    return rows.isEmpty() ? null : rows.get(0).get(0);
  }

  static List<List<String>> query(PgUrl url, String sql) {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static final List<String> COPY_TABLES = List.of("directory.school", "directory.school_class",
      "directory.student", "directory.guardian", "directory.guardian_student", "directory.teacher",
      "directory.teaching_assignment", "directory.sync_rejection");

  /** Every row of the copy, without the columns that record when we wrote it. */
  static List<String> snapshot(PgUrl url) {
    return TestServices.contents(url, COPY_TABLES);
  }

  @Override
  public void close() {
    district.close().await();
    ours.close().await();
    vertx.close().await();
    TestServices.dropDatabase(districtUrl);
    TestServices.dropDatabase(oursUrl);
  }
}
