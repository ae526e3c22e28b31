package vn.lienlac.infra.runtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import vn.lienlac.infra.support.db.PgUrl;

/** Creating and inspecting whole databases, for demo and benchmarks that own their server. Blocking. */
public final class LocalDatabases {

  private LocalDatabases() {}

  public static void create(PgUrl server, String name, boolean dropFirst) {
    requireSafeName(name);
    try (Connection c = connect(server.withDatabase("postgres")); Statement s = c.createStatement()) {
      if (dropFirst) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } else if (exists(c, name)) {
        return;
      }
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + " on " + server + ": " + e.getMessage(), e);
    }
  }

  public static void drop(PgUrl server, String name) {
    requireSafeName(name);
    try (Connection c = connect(server.withDatabase("postgres")); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + name + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row of a query, or null; for counts and existence checks. */
  public static String value(PgUrl url, String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed on " + url + ": " + e.getMessage(), e);
    }
  }

  private static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Connection connect(PgUrl url) throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static void requireSafeName(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("unsafe database name '" + name + "'");
    }
  }
}
