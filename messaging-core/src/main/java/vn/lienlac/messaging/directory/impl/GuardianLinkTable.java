package vn.lienlac.messaging.directory.impl;

import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Map;

/** {@code hoc_sinh_phu_huynh} → {@code directory.guardian_student}: who is whose parent or guardian. */
final class GuardianLinkTable extends SourceTable {

  private static final Map<String, String> RELATIONSHIPS = Map.of(
      "cha", "father", "bo", "father", "me", "mother", "giam_ho", "guardian", "nguoi_giam_ho", "guardian");

  GuardianLinkTable() {
    super("hoc_sinh_phu_huynh", List.of(textKey("ma_dinh_danh", "student_id"), bigintKey("phu_huynh_id", "guardian_id")),
        List.of("quan_he", "la_lien_he_chinh"),
        "guardian_student", List.of(column("relationship", "text"), column("primary_contact", "boolean")));
  }

  @Override
  Mapping map(Row row) {
    String relationship = RELATIONSHIPS.getOrDefault(Text.code(row.getString("quan_he")), "other");
    return Mapping.accept(relationship, Boolean.TRUE.equals(row.getBoolean("la_lien_he_chinh")));
  }
}
