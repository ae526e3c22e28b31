package vn.lienlac.api.signin;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import vn.lienlac.api.auth.Caller;
import vn.lienlac.api.auth.StaffRole;

/** A row of {@code api.staff_account} as sign-in needs it. */
record StaffAccount(long id, String username, StaffRole role, String schoolCode, String districtCode,
                    String teacherCode, String passwordHash, byte[] totpSecret, long totpLastStep, boolean disabled) {

  static final String COLUMNS = """
      id, username, role, school_code, district_code, teacher_code, password_hash, totp_secret, totp_last_step,
      disabled_at IS NOT NULL AS disabled""";

  static StaffAccount of(Row r) {
    Buffer secret = r.getBuffer("totp_secret");
    return new StaffAccount(r.getLong("id"), r.getString("username"), StaffRole.fromCode(r.getString("role")),
        r.getString("school_code"), r.getString("district_code"), r.getString("teacher_code"),
        r.getString("password_hash"), secret == null ? null : secret.getBytes(), r.getLong("totp_last_step"),
        r.getBoolean("disabled"));
  }

  boolean hasTotp() {
    return totpSecret != null;
  }

  Caller caller(String sessionId) {
    return Caller.staff(id, role, schoolCode, districtCode, teacherCode, sessionId);
  }
}
