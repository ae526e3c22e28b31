package vn.lienlac.messaging.directory.impl;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.messaging.directory.RejectionReason;

/** One page of upstream rows, validated and turned into column arrays for a set-based upsert. */
final class Page {

  record Rejection(String key, RejectionReason reason, String detail) {}

  private final SourceTable table;
  private final List<Object[]> accepted = new ArrayList<>();
  private final List<String> acceptedKeys = new ArrayList<>();
  private final List<String> allKeys = new ArrayList<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private int flagged;
  private SyncPosition.Cursor end;

  private Page(SourceTable table) {
    this.table = table;
  }

  static Page of(SourceTable table, RowSet<Row> rows) {
    Page page = new Page(table);
    for (Row row : rows) {
      page.add(row);
    }
    return page;
  }

  private void add(Row row) {
    int keyWidth = table.key.size();
    String[] keyParts = new String[keyWidth];
    Object[] keyValues = new Object[keyWidth];
    boolean blankKey = false;
    for (int i = 0; i < keyWidth; i++) {
      SourceTable.KeyColumn k = table.key.get(i);
      Object value = k.type() == SourceTable.KeyType.TEXT ? row.getString(k.upstream()) : row.getLong(k.upstream());
      keyValues[i] = value;
      keyParts[i] = String.valueOf(value);
      blankKey |= value == null || (value instanceof String s && s.isBlank());
    }
    OffsetDateTime updatedAt = row.getOffsetDateTime("updated_at");
    end = new SyncPosition.Cursor(updatedAt, keyParts);
    String keyText = String.join(TableStatements.KEY_SEPARATOR, keyParts);
    allKeys.add(keyText);

    Mapping mapping = blankKey ? Mapping.reject(RejectionReason.MISSING_KEY, null) : table.map(row);
    switch (mapping) {
      case Mapping.Rejected r -> rejections.add(new Rejection(keyText, r.reason(), r.detail()));
      case Mapping.Accepted a -> {
        Object[] values = new Object[keyWidth + a.values().length + 1];
        System.arraycopy(keyValues, 0, values, 0, keyWidth);
        System.arraycopy(a.values(), 0, values, keyWidth, a.values().length);
        values[values.length - 1] = updatedAt;
        accepted.add(values);
        acceptedKeys.add(keyText);
        if (a.flagged()) {
          flagged++;
        }
      }
    }
  }

  int size() {
    return allKeys.size();
  }

  int accepted() {
    return accepted.size();
  }

  int flagged() {
    return flagged;
  }

  List<Rejection> rejections() {
    return rejections;
  }

  SyncPosition.Cursor end() {
    return end;
  }

  String[] allKeys() {
    return allKeys.toArray(String[]::new);
  }

  String[] acceptedKeys() {
    return acceptedKeys.toArray(String[]::new);
  }

  /** One array per column: key columns, value columns, then upstream updated_at. */
  Tuple upsertTuple() {
    List<String> types = new ArrayList<>();
    table.key.forEach(k -> types.add(k.type() == SourceTable.KeyType.TEXT ? "text" : "bigint"));
    table.targetColumns.forEach(c -> types.add(c.sqlType()));
    types.add("timestamptz");
    Tuple tuple = Tuple.tuple();
    int n = accepted.size();
    for (int column = 0; column < types.size(); column++) {
      Object[] array = newArray(types.get(column), n);
      for (int i = 0; i < n; i++) {
        array[i] = accepted.get(i)[column];
      }
      tuple.addValue(array);
    }
    return tuple;
  }

  Tuple rejectionTuple(String upstreamTable) {
    return Tuple.tuple()
        .addString(upstreamTable)
        .addArrayOfString(rejections.stream().map(Rejection::key).toArray(String[]::new))
        .addArrayOfString(rejections.stream().map(r -> r.reason().code()).toArray(String[]::new))
        .addArrayOfString(rejections.stream().map(Rejection::detail).toArray(String[]::new));
  }

  private static Object[] newArray(String sqlType, int n) {
    return switch (sqlType) {
      case "text" -> new String[n];
      case "bigint" -> new Long[n];
      case "smallint" -> new Short[n];
      case "boolean" -> new Boolean[n];
      case "date" -> new LocalDate[n];
      case "timestamptz" -> new OffsetDateTime[n];
      default -> throw new IllegalArgumentException("no array type for " + sqlType);
    };
  }
}
