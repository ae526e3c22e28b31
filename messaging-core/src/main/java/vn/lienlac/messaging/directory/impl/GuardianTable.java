package vn.lienlac.messaging.directory.impl;

import static vn.lienlac.messaging.directory.RejectionReason.MISSING_NAME;

import io.vertx.sqlclient.Row;
import java.util.List;

/**
 * {@code phu_huynh} → {@code directory.guardian}. A guardian whose phone number cannot be made a valid
 * Vietnamese mobile number is kept, with the problem, so the school can see and fix it.
 */
final class GuardianTable extends SourceTable {

  GuardianTable() {
    super("phu_huynh", List.of(bigintKey("id", "id")),
        List.of("ho_ten", "so_dien_thoai", "email", "ngon_ngu"),
        "guardian", List.of(column("full_name", "text"), column("phone_as_typed", "text"),
            column("phone_e164", "text"), column("phone_problem", "text"), column("email", "text"),
            column("language", "text")));
  }

  @Override
  Mapping map(Row row) {
    String name = Text.clean(row.getString("ho_ten"));
    if (name == null) {
      return Mapping.reject(MISSING_NAME, null);
    }
    PersonContact contact = PersonContact.of(row.getString("so_dien_thoai"), row.getString("email"));
    String language = "en".equals(Text.code(row.getString("ngon_ngu"))) ? "en" : "vi";
    return new Mapping.Accepted(new Object[] {name, contact.phoneAsTyped(), contact.phoneE164(),
        contact.phoneProblem(), contact.email(), language}, contact.hasProblem());
  }
}
