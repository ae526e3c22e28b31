package vn.lienlac.infra.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the primary keys and indexes off the district tables for a bulk load and builds them again
 * afterwards. Building a b-tree once from sorted data is about twice as fast as growing it row by row
 * (learner ids arrive in random order), and the rebuilt primary keys still check uniqueness. The
 * definitions are read from the catalog rather than repeated here, so the district schema stays the one
 * source of truth. Both steps run in the seed's transaction: if anything fails, the indexes come back
 * with the rollback.
 */
final class IndexesAside {

  private final List<String> rebuild;

  private IndexesAside(List<String> rebuild) {
    this.rebuild = rebuild;
  }

  static IndexesAside drop(Connection connection, List<String> tables) throws SQLException {
    List<String> drops = new ArrayList<>();
    List<String> rebuild = new ArrayList<>();
    // Primary-key and unique constraints: dropped with ALTER TABLE, re-added from their definition.
    try (PreparedStatement ps = connection.prepareStatement("SELECT conrelid::regclass::text, quote_ident(conname),"
        + " pg_get_constraintdef(oid) FROM pg_constraint WHERE contype IN ('p', 'u')"
        + " AND conrelid = ANY (?::regclass[]) ORDER BY 1, 2")) {
      ps.setArray(1, connection.createArrayOf("text", tables.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          drops.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
          rebuild.add("ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(3));
        }
      }
    }
    // Plain indexes (the "changed since" ones): dropped, re-created from pg_get_indexdef.
    try (PreparedStatement ps = connection.prepareStatement("SELECT indexrelid::regclass::text,"
        + " pg_get_indexdef(indexrelid) FROM pg_index i WHERE indrelid = ANY (?::regclass[])"
        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1")) {
      ps.setArray(1, connection.createArrayOf("text", tables.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          drops.add("DROP INDEX " + rs.getString(1));
          rebuild.add(rs.getString(2));
        }
      }
    }
    try (Statement s = connection.createStatement()) {
      for (String sql : drops) {
        s.execute(sql);
      }
    }
    return new IndexesAside(rebuild);
  }

  void rebuild(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String sql : rebuild) {
        s.execute(sql);
      }
    }
  }
}
