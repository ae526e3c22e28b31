package vn.lienlac.api.auth;

import java.util.Locale;

/** The one role a staff account has; stored and sent in lower case ({@code district_officer}). */
public enum StaffRole {
  TEACHER, ACCOUNTANT, PRINCIPAL, DISTRICT_OFFICER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StaffRole fromCode(String code) {
    for (StaffRole r : values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown staff role '" + code + "' (teacher, accountant, principal, district_officer)");
  }
}
