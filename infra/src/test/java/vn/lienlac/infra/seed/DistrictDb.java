package vn.lienlac.infra.seed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.infra.support.db.PgUrl;

/** Small JDBC helpers for the seed tests. */
final class DistrictDb {

  private DistrictDb() {}

  static List<String> column(PgUrl url, String sql) {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  static String value(PgUrl url, String sql) {
    List<String> values = column(url, sql);
    return values.isEmpty() ? null : values.get(0);
  }

  static long count(PgUrl url, String sql) {
    return Long.parseLong(value(url, sql));
  }

  static double number(PgUrl url, String sql) {
    return Double.parseDouble(value(url, sql));
  }

  /** An md5 per table over every row in key order, without updated_at (which records when, not what). */
  static List<String> contentDigest(PgUrl url) {
    List<String> digests = new ArrayList<>();
    for (String table : List.of("truong", "lop", "giao_vien", "phan_cong", "hoc_sinh", "phu_huynh",
        "hoc_sinh_phu_huynh")) {
      digests.add(table + " " + value(url, "SELECT md5(string_agg((to_jsonb(t) - 'updated_at')::text, E'\\n'"
          + " ORDER BY (to_jsonb(t) - 'updated_at')::text)) FROM " + table + " t"));
    }
    return digests;
  }
}
