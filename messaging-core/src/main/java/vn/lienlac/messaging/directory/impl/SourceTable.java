package vn.lienlac.messaging.directory.impl;

import io.vertx.sqlclient.Row;
import java.util.List;

/**
 * One upstream table and how its rows become rows of our copy: its key, the columns read, the target
 * table and columns, and {@link #map} which validates and converts one row.
 */
abstract class SourceTable {

  enum KeyType { TEXT, BIGINT }

  record KeyColumn(String upstream, String target, KeyType type) {}

  /** @param sqlType the PostgreSQL array element type the values are sent as */
  record TargetColumn(String name, String sqlType) {}

  final String upstreamTable;
  final List<KeyColumn> key;
  final List<String> upstreamColumns;
  final String targetTable;
  final List<TargetColumn> targetColumns;

  SourceTable(String upstreamTable, List<KeyColumn> key, List<String> upstreamColumns,
      String targetTable, List<TargetColumn> targetColumns) {
    this.upstreamTable = upstreamTable;
    this.key = key;
    this.upstreamColumns = upstreamColumns;
    this.targetTable = targetTable;
    this.targetColumns = targetColumns;
  }

  /** Validates and converts the non-key columns of one upstream row, in {@link #targetColumns} order. */
  abstract Mapping map(Row row);

  static KeyColumn textKey(String upstream, String target) {
    return new KeyColumn(upstream, target, KeyType.TEXT);
  }

  static KeyColumn bigintKey(String upstream, String target) {
    return new KeyColumn(upstream, target, KeyType.BIGINT);
  }

  static TargetColumn column(String name, String sqlType) {
    return new TargetColumn(name, sqlType);
  }
}
