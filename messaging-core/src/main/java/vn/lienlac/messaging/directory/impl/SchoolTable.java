package vn.lienlac.messaging.directory.impl;

import static vn.lienlac.messaging.directory.RejectionReason.MISSING_NAME;
import static vn.lienlac.messaging.directory.RejectionReason.UNKNOWN_SCHOOL_LEVEL;

import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Map;

/** {@code truong} → {@code directory.school}. */
final class SchoolTable extends SourceTable {

  private static final Map<String, String> LEVELS = Map.of(
      "mn", "MN", "mam_non", "MN", "th", "TH", "tieu_hoc", "TH", "thcs", "THCS",
      "trung_hoc_co_so", "THCS", "thpt", "THPT", "trung_hoc_pho_thong", "THPT", "lc", "LC", "lien_cap", "LC");

  SchoolTable() {
    super("truong", List.of(textKey("ma_truong", "code")),
        List.of("ten_truong", "cap_hoc", "ma_phong_gd", "dia_chi"),
        "school", List.of(column("name", "text"), column("level", "text"),
            column("education_office_code", "text"), column("address", "text")));
  }

  @Override
  Mapping map(Row row) {
    String name = Text.clean(row.getString("ten_truong"));
    if (name == null) {
      return Mapping.reject(MISSING_NAME, null);
    }
    String level = LEVELS.get(Text.code(row.getString("cap_hoc")));
    if (level == null) {
      return Mapping.reject(UNKNOWN_SCHOOL_LEVEL, row.getString("cap_hoc"));
    }
    return Mapping.accept(name, level, Text.clean(row.getString("ma_phong_gd")), Text.clean(row.getString("dia_chi")));
  }
}
