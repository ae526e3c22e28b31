package vn.lienlac.messaging.directory.impl;

import static vn.lienlac.messaging.directory.RejectionReason.MISSING_NAME;
import static vn.lienlac.messaging.directory.RejectionReason.MISSING_SCHOOL;

import io.vertx.sqlclient.Row;
import java.util.List;

/** {@code giao_vien} → {@code directory.teacher}. */
final class TeacherTable extends SourceTable {

  TeacherTable() {
    super("giao_vien", List.of(textKey("ma_gv", "code")),
        List.of("ho_ten", "so_dien_thoai", "email", "ma_truong"),
        "teacher", List.of(column("full_name", "text"), column("phone_as_typed", "text"),
            column("phone_e164", "text"), column("phone_problem", "text"), column("email", "text"),
            column("school_code", "text")));
  }

  @Override
  Mapping map(Row row) {
    String name = Text.clean(row.getString("ho_ten"));
    if (name == null) {
      return Mapping.reject(MISSING_NAME, null);
    }
    String school = Text.clean(row.getString("ma_truong"));
    if (school == null) {
      return Mapping.reject(MISSING_SCHOOL, null);
    }
    PersonContact contact = PersonContact.of(row.getString("so_dien_thoai"), row.getString("email"));
    return new Mapping.Accepted(new Object[] {name, contact.phoneAsTyped(), contact.phoneE164(),
        contact.phoneProblem(), contact.email(), school}, contact.hasProblem());
  }
}
