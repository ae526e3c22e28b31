package vn.lienlac.messaging.directory.impl;

import static vn.lienlac.messaging.directory.RejectionReason.BAD_SCHOOL_YEAR;
import static vn.lienlac.messaging.directory.RejectionReason.GRADE_OUT_OF_RANGE;
import static vn.lienlac.messaging.directory.RejectionReason.MISSING_NAME;
import static vn.lienlac.messaging.directory.RejectionReason.MISSING_SCHOOL;

import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.regex.Pattern;

/** {@code lop} → {@code directory.school_class}. */
final class ClassTable extends SourceTable {

  static final Pattern SCHOOL_YEAR = Pattern.compile("(\\d{4})\\s*[-–/]\\s*(\\d{4})");

  ClassTable() {
    super("lop", List.of(textKey("ma_lop", "code")),
        List.of("ma_truong", "ten_lop", "khoi", "nam_hoc", "ma_gvcn"),
        "school_class", List.of(column("school_code", "text"), column("name", "text"),
            column("grade", "smallint"), column("school_year", "text"), column("homeroom_teacher_code", "text")));
  }

  @Override
  Mapping map(Row row) {
    String school = Text.clean(row.getString("ma_truong"));
    if (school == null) {
      return Mapping.reject(MISSING_SCHOOL, null);
    }
    String name = Text.clean(row.getString("ten_lop"));
    if (name == null) {
      return Mapping.reject(MISSING_NAME, null);
    }
    Short grade = row.getShort("khoi");
    if (grade == null || grade < 0 || grade > 12) {
      return Mapping.reject(GRADE_OUT_OF_RANGE, String.valueOf(grade));
    }
    String year = schoolYear(row.getString("nam_hoc"));
    if (year == null) {
      return Mapping.reject(BAD_SCHOOL_YEAR, row.getString("nam_hoc"));
    }
    return Mapping.accept(school, name, grade, year, Text.clean(row.getString("ma_gvcn")));
  }

  /** "2026-2027", "2026 - 2027", "2026/2027" → "2026-2027" when the years follow each other. */
  static String schoolYear(String typed) {
    String cleaned = Text.clean(typed);
    if (cleaned == null) {
      return null;
    }
    var m = SCHOOL_YEAR.matcher(cleaned);
    if (!m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      return null;
    }
    return m.group(1) + "-" + m.group(2);
  }
}
