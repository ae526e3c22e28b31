package vn.lienlac.infra.demo;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.auth.password.Argon2id;
import vn.lienlac.api.signin.StaffAccountAdmin;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.Connections;

/**
 * Accounts to try the demo with, made on its first start from the seeded directory: a principal and an
 * accountant of the first school, a homeroom teacher there, an officer of its district; plus a guardian
 * phone number that may sign in. The passwords are fixed so that the banner can show them every time.
 */
final class DemoAccounts {

  /** One account to show in the banner. */
  record Account(String role, String username, String password) {}

  /** @param guardianPhone null when the directory has no guardian who may sign in */
  record Shown(List<Account> staff, String guardianPhone) {}

  static final String PRINCIPAL = "hieutruong";
  static final String ACCOUNTANT = "ketoan";
  static final String DISTRICT_OFFICER = "phonggd";
  static final String PRINCIPAL_PASSWORD = "demo-hieutruong-2026";
  static final String ACCOUNTANT_PASSWORD = "demo-ketoan-2026";
  static final String TEACHER_PASSWORD = "demo-giaovien-2026";
  static final String DISTRICT_PASSWORD = "demo-phonggd-2026";

  static final String ALREADY_MADE = "SELECT 1 FROM api.staff_account WHERE username = $1";
  static final String HOMEROOM_CLASS = """
      SELECT c.school_code, s.education_office_code, c.homeroom_teacher_code
        FROM directory.school_class c
        JOIN directory.school s ON s.code = c.school_code AND s.removed_at IS NULL
        JOIN directory.teacher t ON t.code = c.homeroom_teacher_code AND t.removed_at IS NULL
       WHERE c.removed_at IS NULL AND s.education_office_code IS NOT NULL
       ORDER BY c.school_code, c.code
       LIMIT 1""";
  static final String DEMO_TEACHER = """
      SELECT username FROM api.staff_account
       WHERE role = 'teacher' AND password_hash IS NOT NULL AND disabled_at IS NULL ORDER BY id LIMIT 1""";
  static final String GUARDIAN_PHONE = """
      SELECT g.phone_e164 FROM directory.guardian g
       WHERE g.phone_e164 IS NOT NULL AND g.removed_at IS NULL
         AND EXISTS (SELECT 1 FROM directory.guardian_student gs JOIN directory.student s ON s.national_id = gs.student_id
                      WHERE gs.guardian_id = g.id AND gs.removed_at IS NULL AND s.active)
       ORDER BY g.id LIMIT 1""";

  private DemoAccounts() {}

  /** Blocking: runs on the demo's main thread with a Vert.x of its own. */
  static Shown ensure(LienlacConfig config) {
    Vertx vertx = Connections.commandVertx();
    try {
      Pool pool = Connections.ours(vertx, config);
      StaffAccountAdmin admin = new StaffAccountAdmin(pool, Argon2id.Cost.RECOMMENDED);
      if (pool.preparedQuery(ALREADY_MADE).execute(Tuple.of(PRINCIPAL)).await().rowCount() == 0) {
        create(pool, admin);
      }
      RowSet<Row> teacher = pool.query(DEMO_TEACHER).execute().await();
      RowSet<Row> phone = pool.query(GUARDIAN_PHONE).execute().await();
      List<Account> staff = new java.util.ArrayList<>(List.of(
          new Account("principal / hiệu trưởng", PRINCIPAL, PRINCIPAL_PASSWORD),
          new Account("accountant / kế toán", ACCOUNTANT, ACCOUNTANT_PASSWORD),
          new Account("district officer / phòng GD", DISTRICT_OFFICER, DISTRICT_PASSWORD)));
      if (teacher.rowCount() > 0) {
        staff.add(2, new Account("homeroom teacher / GVCN", teacher.iterator().next().getString("username"), TEACHER_PASSWORD));
      }
      return new Shown(staff, phone.rowCount() == 0 ? null : phone.iterator().next().getString("phone_e164"));
    } finally {
      vertx.close().await();
    }
  }

  private static void create(Pool pool, StaffAccountAdmin admin) {
    RowSet<Row> rows = pool.query(HOMEROOM_CLASS).execute().await();
    if (rows.rowCount() == 0) {
      throw new IllegalStateException("the demo directory has no class with a homeroom teacher to make demo accounts from");
    }
    Row c = rows.iterator().next();
    String school = c.getString("school_code");
    String district = c.getString("education_office_code");
    admin.syncTeachers().await();
    admin.add(new StaffAccountAdmin.NewAccount(PRINCIPAL, "Hiệu trưởng (demo)", StaffRole.PRINCIPAL, school, null, null,
        PRINCIPAL_PASSWORD, false)).await();
    admin.add(new StaffAccountAdmin.NewAccount(ACCOUNTANT, "Kế toán (demo)", StaffRole.ACCOUNTANT, school, null, null,
        ACCOUNTANT_PASSWORD, false)).await();
    admin.add(new StaffAccountAdmin.NewAccount(DISTRICT_OFFICER, "Chuyên viên phòng GD (demo)", StaffRole.DISTRICT_OFFICER,
        null, district, null, DISTRICT_PASSWORD, false)).await();
    admin.setPassword(c.getString("homeroom_teacher_code").toLowerCase(java.util.Locale.ROOT), TEACHER_PASSWORD).await();
  }
}
