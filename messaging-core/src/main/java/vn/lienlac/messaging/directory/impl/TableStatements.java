package vn.lienlac.messaging.directory.impl;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The SQL one {@link SourceTable} needs, written out once from its description. Only identifiers from
 * the table descriptions go into the text; every value is a {@code $n} parameter.
 */
final class TableStatements {

  /** Separates the parts of a composite key in its text form (stored positions, seen keys, rejections). */
  static final String KEY_SEPARATOR = "\u001f";

  final String firstPage;
  final String nextPage;
  final String countAll;
  final String countAfter;
  final String upsert;
  final String hasRows;
  final String markRemoved;

  TableStatements(SourceTable t, int pageSize) {
    String upstreamKey = t.key.stream().map(SourceTable.KeyColumn::upstream).collect(Collectors.joining(", "));
    String selected = Stream.concat(t.key.stream().map(SourceTable.KeyColumn::upstream), t.upstreamColumns.stream())
        .collect(Collectors.joining(", "));
    String position = "(updated_at, " + upstreamKey + ") > ("
        + IntStream.rangeClosed(1, t.key.size() + 1).mapToObj(i -> "$" + i).collect(Collectors.joining(", ")) + ")";
    String order = " ORDER BY updated_at, " + upstreamKey + " LIMIT " + pageSize;

    firstPage = "SELECT " + selected + ", updated_at FROM " + t.upstreamTable + order;
    nextPage = "SELECT " + selected + ", updated_at FROM " + t.upstreamTable + " WHERE " + position + order;
    countAll = "SELECT count(*) FROM " + t.upstreamTable;
    countAfter = "SELECT count(*) FROM " + t.upstreamTable + " WHERE " + position;

    List<String> keyTargets = t.key.stream().map(SourceTable.KeyColumn::target).toList();
    List<String> valueTargets = t.targetColumns.stream().map(SourceTable.TargetColumn::name).toList();
    List<String> arrayTypes = Stream.concat(
            Stream.concat(t.key.stream().map(k -> k.type() == SourceTable.KeyType.TEXT ? "text" : "bigint"),
                t.targetColumns.stream().map(SourceTable.TargetColumn::sqlType)),
            Stream.of("timestamptz"))
        .toList();
    String target = "directory." + t.targetTable;
    String insertColumns = Stream.concat(Stream.concat(keyTargets.stream(), valueTargets.stream()),
        Stream.of("upstream_updated_at")).collect(Collectors.joining(", "));
    String unnest = IntStream.range(0, arrayTypes.size())
        .mapToObj(i -> "$" + (i + 1) + "::" + arrayTypes.get(i) + "[]").collect(Collectors.joining(", "));
    String sets = Stream.concat(valueTargets.stream(), Stream.of("upstream_updated_at"))
        .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
    String current = valueTargets.stream().map(c -> "t." + c).collect(Collectors.joining(", "));
    String incoming = valueTargets.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", "));
    // Unchanged rows are not rewritten: an incremental run touches only what really changed.
    upsert = "INSERT INTO " + target + " AS t (" + insertColumns + ") SELECT * FROM unnest(" + unnest + ")"
        + " ON CONFLICT (" + String.join(", ", keyTargets) + ") DO UPDATE SET " + sets
        + ", removed_at = NULL, synced_at = now()"
        + " WHERE ROW(" + current + ") IS DISTINCT FROM ROW(" + incoming + ") OR t.removed_at IS NOT NULL"
        + " RETURNING (xmax = 0) AS inserted";

    hasRows = "SELECT EXISTS (SELECT 1 FROM " + target + ")";
    String keyText = keyTargets.stream().map(c -> "t." + c + "::text").collect(Collectors.joining(" || chr(31) || "));
    markRemoved = "WITH gone AS (UPDATE " + target + " t SET removed_at = now() WHERE t.removed_at IS NULL"
        + " AND NOT EXISTS (SELECT 1 FROM directory.sync_seen_key s WHERE s.source_table = $1 AND s.source_key = "
        + keyText + ") RETURNING 1) SELECT count(*) FROM gone";
  }

  static final String LOAD_POSITION =
      "SELECT changed_since, changed_since_key, full_pass_started_at, full_pass_tracks_keys, full_pass_at,"
          + " full_pass_at_key, last_full_pass_at FROM directory.sync_position WHERE source_table = $1";

  static final String SAVE_POSITION =
      "INSERT INTO directory.sync_position (source_table, changed_since, changed_since_key, full_pass_started_at,"
          + " full_pass_tracks_keys, full_pass_at, full_pass_at_key, last_full_pass_at)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (source_table) DO UPDATE SET"
          + " changed_since = $2, changed_since_key = $3, full_pass_started_at = $4, full_pass_tracks_keys = $5,"
          + " full_pass_at = $6, full_pass_at_key = $7, last_full_pass_at = $8";

  static final String STAGE_SEEN_KEYS =
      "INSERT INTO directory.sync_seen_key (source_table, source_key) SELECT $1, unnest($2::text[])"
          + " ON CONFLICT DO NOTHING";

  static final String CLEAR_SEEN_KEYS = "DELETE FROM directory.sync_seen_key WHERE source_table = $1";

  static final String RECORD_REJECTIONS =
      "INSERT INTO directory.sync_rejection (source_table, source_key, reason, detail)"
          + " SELECT $1, k, r, d FROM unnest($2::text[], $3::text[], $4::text[]) AS x(k, r, d)"
          + " ON CONFLICT (source_table, source_key) DO UPDATE SET reason = EXCLUDED.reason,"
          + " detail = EXCLUDED.detail, last_seen_at = now()";

  static final String CLEAR_REJECTIONS =
      "DELETE FROM directory.sync_rejection WHERE source_table = $1 AND source_key = ANY($2::text[])";

  static final String HAS_REJECTIONS =
      "SELECT EXISTS (SELECT 1 FROM directory.sync_rejection WHERE source_table = $1)";
}
