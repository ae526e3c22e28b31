package vn.lienlac.messaging.directory.impl;

import static vn.lienlac.messaging.directory.RejectionReason.MISSING_NAME;
import static vn.lienlac.messaging.directory.RejectionReason.UNKNOWN_STUDENT_STATUS;

import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Map;

/** {@code hoc_sinh} → {@code directory.student}. Students who left keep their row with their status. */
final class StudentTable extends SourceTable {

  private static final Map<String, String> STATUSES = Map.of(
      "dang_hoc", "studying", "chuyen_truong", "transferred", "thoi_hoc", "dropped_out",
      "nghi_hoc", "dropped_out", "tot_nghiep", "graduated");

  private static final Map<String, String> GENDERS = Map.of(
      "nam", "male", "m", "male", "male", "male", "nu", "female", "f", "female", "female", "female");

  StudentTable() {
    super("hoc_sinh", List.of(textKey("ma_dinh_danh", "national_id")),
        List.of("ho_ten", "ngay_sinh", "gioi_tinh", "ma_lop", "trang_thai"),
        "student", List.of(column("full_name", "text"), column("birth_date", "date"),
            column("gender", "text"), column("class_code", "text"), column("status", "text")));
  }

  @Override
  Mapping map(Row row) {
    String name = Text.clean(row.getString("ho_ten"));
    if (name == null) {
      return Mapping.reject(MISSING_NAME, null);
    }
    String status = STATUSES.get(Text.code(row.getString("trang_thai")));
    if (status == null) {
      return Mapping.reject(UNKNOWN_STUDENT_STATUS, row.getString("trang_thai"));
    }
    String gender = GENDERS.get(Text.code(row.getString("gioi_tinh")));
    return Mapping.accept(name, row.getLocalDate("ngay_sinh"), gender, Text.clean(row.getString("ma_lop")), status);
  }
}
