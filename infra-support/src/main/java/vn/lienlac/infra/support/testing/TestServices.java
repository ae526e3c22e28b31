package vn.lienlac.infra.support.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.embedded.EmbeddedPostgresServer;
import vn.lienlac.infra.support.embedded.EmbeddedRedisServer;

/**
 * The PostgreSQL and Redis a test run uses: the servers named by {@code LIENLAC_TEST_PG_URL} and
 * {@code LIENLAC_TEST_REDIS_URL} when set (CI), otherwise embedded ones started once per test JVM.
 * Every test gets its own fresh database, so tests never see each other's rows.
 */
public final class TestServices {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PgUrl adminUrl;
  private static String redisUrl;

  private TestServices() {}

  public static synchronized PgUrl postgresAdmin() {
    if (adminUrl == null) {
      String external = System.getenv("LIENLAC_TEST_PG_URL");
      if (external != null && !external.isBlank()) {
        adminUrl = PgUrl.parse(external);
      } else {
        EmbeddedPostgresServer server =
            EmbeddedPostgresServer.start(null, EmbeddedPostgresServer.Durability.FAST_UNSAFE);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        adminUrl = server.url("postgres");
      }
    }
    return adminUrl;
  }

  public static synchronized String redis() {
    if (redisUrl == null) {
      String external = System.getenv("LIENLAC_TEST_REDIS_URL");
      if (external != null && !external.isBlank()) {
        redisUrl = external;
      } else {
        EmbeddedRedisServer server = EmbeddedRedisServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-redis-stop"));
        redisUrl = server.url();
      }
    }
    return redisUrl;
  }

  /** Creates an empty database with a unique name and returns where it is. */
  public static PgUrl freshDatabase(String purpose) {
    PgUrl admin = postgresAdmin();
    String name = ("t_" + purpose + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet()
        + "_" + Long.toString(System.nanoTime() % 1_000_000, 36)).toLowerCase().replaceAll("[^a-z0-9_]", "_");
    execute(admin, "CREATE DATABASE " + name);
    return admin.withDatabase(name);
  }

  public static void dropDatabase(PgUrl url) {
    execute(postgresAdmin(), "DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
  }

  /**
   * Every row of the given tables as JSON text, sorted, without the columns that only record when we
   * wrote a row ({@code synced_at}, {@code first_seen_at}, {@code last_seen_at}; {@code removed_at} becomes a {@code removed} flag): two copies made
   * by different runs compare equal when they hold the same data.
   */
  public static java.util.List<String> contents(PgUrl url, java.util.List<String> tables) {
    java.util.List<String> rows = new java.util.ArrayList<>();
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         Statement s = c.createStatement()) {
      for (String table : tables) {
        try (var rs = s.executeQuery("SELECT '" + table + " ' || (to_jsonb(t) - 'synced_at' - 'removed_at' - 'first_seen_at' - 'last_seen_at'"
            + " || jsonb_build_object('removed', to_jsonb(t) ->> 'removed_at' IS NOT NULL))::text FROM " + table
            + " t ORDER BY 1")) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + tables + " on " + url + ": " + e.getMessage(), e);
    }
    return rows;
  }

  public static void execute(PgUrl url, String sql) {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test setup SQL failed on " + url + ": " + e.getMessage(), e);
    }
  }
}
