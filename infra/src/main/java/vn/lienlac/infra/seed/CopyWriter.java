package vn.lienlac.infra.seed;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams rows into PostgreSQL with {@code COPY … FROM STDIN} (text format), one buffer per table. A
 * buffer is sent as its own COPY when it reaches {@code chunkRows} rows, so memory stays bounded however
 * big the district is, and tables can be filled interleaved on one connection (only one COPY is ever
 * open at a time). Failures surface as {@link IllegalStateException}; the caller rolls back.
 *
 * <p>Rows are written with {@code FREEZE}: the caller empties the tables in the same transaction, so
 * PostgreSQL can store them already frozen and visible, and the first reader (the sync) does not have to
 * rewrite every page to set hint bits.
 */
final class CopyWriter {

  private final CopyManager copy;
  private final int chunkRows;
  private final List<Table> tables = new ArrayList<>();

  CopyWriter(Connection connection, int chunkRows) throws SQLException {
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    this.chunkRows = chunkRows;
  }

  Table table(String name, String... columns) {
    Table table = new Table(name, "COPY " + name + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FREEZE)");
    tables.add(table);
    return table;
  }

  void flushAll() {
    for (Table table : tables) {
      table.flush();
    }
  }

  /** Rows of one table: {@code table.text(a).number(b).end()}. */
  final class Table {
    private final String name;
    private final String sql;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private boolean firstField = true;
    private int pending;
    private long rows;

    private Table(String name, String sql) {
      this.name = name;
      this.sql = sql;
    }

    /** A text value; null is SQL NULL. Backslash, tab and line breaks are escaped as COPY text format requires. */
    Table text(String value) {
      separate();
      if (value == null) {
        buffer.append("\\N");
        return this;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\\' -> buffer.append("\\\\");
          case '\t' -> buffer.append("\\t");
          case '\n' -> buffer.append("\\n");
          case '\r' -> buffer.append("\\r");
          default -> buffer.append(c);
        }
      }
      return this;
    }

    Table number(long value) {
      separate();
      buffer.append(value);
      return this;
    }

    Table bool(boolean value) {
      separate();
      buffer.append(value ? 't' : 'f');
      return this;
    }

    /** Ends the row; sends the buffer when it holds a full chunk. */
    void end() {
      buffer.append('\n');
      firstField = true;
      pending++;
      rows++;
      if (pending >= chunkRows) {
        flush();
      }
    }

    long rows() {
      return rows;
    }

    private void separate() {
      if (!firstField) {
        buffer.append('\t');
      }
      firstField = false;
    }

    private void flush() {
      if (pending == 0) {
        return;
      }
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      try {
        CopyIn in = copy.copyIn(sql);
        try {
          in.writeToCopy(bytes, 0, bytes.length);
          in.endCopy();
        } finally {
          if (in.isActive()) {
            in.cancelCopy();
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("COPY into " + name + " failed: " + e.getMessage(), e);
      }
      buffer.setLength(0);
      pending = 0;
    }
  }
}
