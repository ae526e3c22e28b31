package vn.lienlac.infra.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.infra.support.db.PgUrl;

/** Plain JDBC for the set-up and the yardstick statements of a benchmark (outside the measured server). */
final class BenchSql {

  private BenchSql() {}

  static void execute(PgUrl url, String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("bench SQL failed: " + e.getMessage(), e);
    }
  }

  static long number(PgUrl url, String sql) {
    return Long.parseLong(rows(url, sql, 1).getFirst()[0]);
  }

  static List<String[]> rows(PgUrl url, String sql, int columns) {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rs.getString(i + 1);
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("bench SQL failed: " + e.getMessage(), e);
    }
    return rows;
  }

  private static Connection connect(PgUrl url) throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }
}
