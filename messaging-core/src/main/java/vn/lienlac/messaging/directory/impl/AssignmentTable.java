package vn.lienlac.messaging.directory.impl;

import io.vertx.sqlclient.Row;
import java.util.List;

/** {@code phan_cong} → {@code directory.teaching_assignment}: which teacher teaches which subject in a class. */
final class AssignmentTable extends SourceTable {

  AssignmentTable() {
    super("phan_cong", List.of(textKey("ma_gv", "teacher_code"), textKey("ma_lop", "class_code"),
            textKey("mon_hoc", "subject")),
        List.of("nam_hoc"),
        "teaching_assignment", List.of(column("school_year", "text")));
  }

  @Override
  Mapping map(Row row) {
    return Mapping.accept(ClassTable.schoolYear(row.getString("nam_hoc")));
  }
}
