package vn.lienlac.api.signin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.lienlac.api.auth.StaffRole;
import vn.lienlac.api.auth.password.Argon2id;
import vn.lienlac.api.auth.password.PasswordHashing;
import vn.lienlac.api.auth.totp.Totp;

/**
 * Creating staff accounts and setting their passwords, for the {@code ./lienlac staff} commands and
 * the demo. Teachers come from the directory (one account each, disabled until a password is set);
 * accountants, principals and district officers are added by hand and checked against the directory.
 * Hashes passwords on the calling thread: call it from a command thread, never an event loop.
 */
public final class StaffAccountAdmin {

  public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  public static final int MIN_PASSWORD_LENGTH = 10;
  static final String TOTP_ISSUER = "Liên Lạc";

  static final String CREATE_TEACHER_ACCOUNTS = """
      INSERT INTO api.staff_account (username, display_name, role, school_code, district_code, teacher_code,
                                     disabled_at, disabled_reason)
      SELECT lower(t.code), t.full_name, 'teacher', t.school_code, s.education_office_code, t.code, now(), 'no_password'
        FROM directory.teacher t
        LEFT JOIN directory.school s ON s.code = t.school_code
       WHERE t.removed_at IS NULL
         AND lower(t.code) ~ '^[a-z0-9][a-z0-9._-]{1,63}$'
         AND NOT EXISTS (SELECT 1 FROM api.staff_account a WHERE a.teacher_code = t.code)
       ORDER BY t.code
      ON CONFLICT DO NOTHING""";
  static final String FOLLOW_TEACHER_CHANGES = """
      UPDATE api.staff_account a
         SET display_name = t.full_name, school_code = t.school_code, district_code = s.education_office_code,
             updated_at = now()
        FROM directory.teacher t LEFT JOIN directory.school s ON s.code = t.school_code
       WHERE a.teacher_code = t.code AND t.removed_at IS NULL
         AND (a.display_name, a.school_code, a.district_code) IS DISTINCT FROM (t.full_name, t.school_code, s.education_office_code)""";
  static final String DISABLE_DEPARTED_TEACHERS = """
      UPDATE api.staff_account a SET disabled_at = now(), disabled_reason = 'teacher_removed', updated_at = now()
       WHERE a.teacher_code IS NOT NULL AND (a.disabled_at IS NULL OR a.disabled_reason = 'no_password')
         AND NOT EXISTS (SELECT 1 FROM directory.teacher t WHERE t.code = a.teacher_code AND t.removed_at IS NULL)""";
  /** A teacher back in the directory (a row that vanished upstream and came back) gets the account back. */
  static final String RESTORE_RETURNING_TEACHERS = """
      UPDATE api.staff_account a
         SET disabled_reason = CASE WHEN a.password_hash IS NULL THEN 'no_password' END,
             disabled_at = CASE WHEN a.password_hash IS NULL THEN a.disabled_at END, updated_at = now()
       WHERE a.disabled_reason = 'teacher_removed'
         AND EXISTS (SELECT 1 FROM directory.teacher t WHERE t.code = a.teacher_code AND t.removed_at IS NULL)""";
  static final String SCHOOL = "SELECT education_office_code FROM directory.school WHERE code = $1 AND removed_at IS NULL";
  static final String DISTRICT = """
      SELECT 1 FROM directory.school WHERE education_office_code = $1 AND removed_at IS NULL LIMIT 1""";
  static final String TEACHER = """
      SELECT t.full_name, t.school_code, s.education_office_code, a.username AS existing
        FROM directory.teacher t
        LEFT JOIN directory.school s ON s.code = t.school_code
        LEFT JOIN api.staff_account a ON a.teacher_code = t.code
       WHERE t.code = $1 AND t.removed_at IS NULL""";
  static final String INSERT = """
      INSERT INTO api.staff_account (username, display_name, role, school_code, district_code, teacher_code,
                                     password_hash, totp_secret, disabled_at, disabled_reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $7::text IS NULL THEN now() END,
              CASE WHEN $7::text IS NULL THEN 'no_password' END)
      ON CONFLICT (username) DO NOTHING
      RETURNING id""";
  /** Setting a password enables an account that waited for one, not one disabled for another reason. */
  static final String SET_PASSWORD = """
      UPDATE api.staff_account
         SET password_hash = $2, updated_at = now(),
             disabled_reason = CASE WHEN disabled_reason = 'no_password' THEN NULL ELSE disabled_reason END,
             disabled_at = CASE WHEN disabled_reason = 'no_password' THEN NULL ELSE disabled_at END
       WHERE username = $1
      RETURNING disabled_at IS NOT NULL AS still_disabled""";

  /** What {@link #syncTeachers} did. */
  public record TeacherSync(int created, int updated, int disabled, int restored) {}

  /** A new account; {@code password} null leaves it disabled until one is set. */
  public record NewAccount(String username, String displayName, StaffRole role, String schoolCode, String districtCode,
                           String teacherCode, String password, boolean totp) {}

  /** @param otpauthUri what the authenticator app scans, when TOTP was asked for */
  public record Created(long id, String username, String otpauthUri) {}

  private final Pool pool;
  private final PasswordHashing hashing;
  private final SecureRandom random = new SecureRandom();

  public StaffAccountAdmin(Pool pool, Argon2id.Cost cost) {
    this.pool = pool;
    this.hashing = new PasswordHashing(cost);
  }

  /**
   * Creates an account per directory teacher without one; follows renames and moves; disables departed
   * teachers, also those still waiting for a password, so that setting one later does not let them in;
   * gives the account back to a teacher who reappears.
   */
  public Future<TeacherSync> syncTeachers() {
    return pool.withTransaction(conn -> conn.query(CREATE_TEACHER_ACCOUNTS).execute()
        .compose(created -> conn.query(FOLLOW_TEACHER_CHANGES).execute()
            .compose(updated -> conn.query(DISABLE_DEPARTED_TEACHERS).execute()
                .compose(disabled -> conn.query(RESTORE_RETURNING_TEACHERS).execute()
                    .map(restored -> new TeacherSync(created.rowCount(), updated.rowCount(), disabled.rowCount(),
                        restored.rowCount()))))));
  }

  public Future<Created> add(NewAccount wanted) {
    String username = wanted.username() == null ? "" : wanted.username().strip().toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(username).matches()) {
      return Future.failedFuture(new IllegalArgumentException("username '" + wanted.username()
          + "' must be 2–64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }
    if (wanted.password() != null) {
      try {
        requireAcceptable(wanted.password());
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
    }
    String hash = wanted.password() == null ? null : hashing.hash(wanted.password()); // here, not on an event loop
    return placement(wanted).compose(p -> {
      byte[] secret = wanted.totp() ? newTotpSecret() : null;
      String name = wanted.displayName() != null && !wanted.displayName().isBlank() ? wanted.displayName().strip()
          : p.displayName() != null ? p.displayName() : username;
      return pool.preparedQuery(INSERT).execute(Tuple.of(username, name, wanted.role().code(), p.school(), p.district(),
              wanted.teacherCode(), hash, secret == null ? null : Buffer.buffer(secret)))
          .compose(rows -> rows.rowCount() == 0
              ? Future.failedFuture(new IllegalArgumentException("username '" + username + "' is taken"))
              : Future.succeededFuture(new Created(rows.iterator().next().getLong("id"), username,
                  secret == null ? null : Totp.otpauthUri(TOTP_ISSUER, username, secret))));
    });
  }

  /** @return true when the account can now sign in, false when it stays disabled (e.g. a departed teacher) */
  public Future<Boolean> setPassword(String username, String password) {
    try {
      requireAcceptable(password);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return pool.preparedQuery(SET_PASSWORD).execute(Tuple.of(name, hashing.hash(password))).compose(rows -> rows.rowCount() == 0
        ? Future.failedFuture(new IllegalArgumentException("no staff account '" + name + "'"))
        : Future.succeededFuture(!rows.iterator().next().getBoolean("still_disabled")));
  }

  public static void requireAcceptable(String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (password.length() > 200) {
      throw new IllegalArgumentException("the password must have at most 200 characters");
    }
  }

  private record Placement(String school, String district, String displayName) {}

  /** Where the account belongs, checked against the directory; fails naming what does not fit. */
  private Future<Placement> placement(NewAccount a) {
    return switch (a.role()) {
      case DISTRICT_OFFICER -> {
        if (a.districtCode() == null || a.districtCode().isBlank()) {
          yield fail("a district officer needs --district (the education office code of the district's schools)");
        }
        if (a.schoolCode() != null || a.teacherCode() != null) {
          yield fail("a district officer belongs to a district, not to a school or teacher: drop --school/--teacher");
        }
        yield pool.preparedQuery(DISTRICT).execute(Tuple.of(a.districtCode())).compose(rows -> rows.rowCount() == 0
            ? fail("no school in the directory belongs to district '" + a.districtCode() + "'")
            : Future.succeededFuture(new Placement(null, a.districtCode(), null)));
      }
      case TEACHER -> {
        if (a.teacherCode() == null || a.teacherCode().isBlank()) {
          yield fail("a teacher account needs --teacher (the teacher's code in the directory)");
        }
        yield pool.preparedQuery(TEACHER).execute(Tuple.of(a.teacherCode())).compose(rows -> teacherPlacement(a, rows));
      }
      case ACCOUNTANT, PRINCIPAL -> {
        if (a.schoolCode() == null || a.schoolCode().isBlank()) {
          yield fail("a " + a.role().code() + " needs --school (the school's code in the directory)");
        }
        if (a.teacherCode() != null) {
          yield fail("only teacher accounts have --teacher");
        }
        yield pool.preparedQuery(SCHOOL).execute(Tuple.of(a.schoolCode())).compose(rows -> {
          if (rows.rowCount() == 0) {
            return fail("no school '" + a.schoolCode() + "' in the directory");
          }
          String district = rows.iterator().next().getString("education_office_code");
          if (a.districtCode() != null && !a.districtCode().equals(district)) {
            return fail("school '" + a.schoolCode() + "' belongs to district '" + district + "', not '" + a.districtCode() + "'");
          }
          return Future.succeededFuture(new Placement(a.schoolCode(), district, null));
        });
      }
    };
  }

  private static Future<Placement> teacherPlacement(NewAccount a, RowSet<Row> rows) {
    if (rows.rowCount() == 0) {
      return fail("no teacher '" + a.teacherCode() + "' in the directory");
    }
    Row t = rows.iterator().next();
    if (t.getString("existing") != null) {
      return fail("teacher '" + a.teacherCode() + "' already has the account '" + t.getString("existing")
          + "'; set its password with `./lienlac staff password`");
    }
    if (a.schoolCode() != null && !a.schoolCode().equals(t.getString("school_code"))) {
      return fail("teacher '" + a.teacherCode() + "' teaches at school '" + t.getString("school_code") + "', not '"
          + a.schoolCode() + "'");
    }
    return Future.succeededFuture(new Placement(t.getString("school_code"), t.getString("education_office_code"),
        t.getString("full_name")));
  }

  private byte[] newTotpSecret() {
    byte[] secret = new byte[20];
    random.nextBytes(secret);
    return secret;
  }

  private static <T> Future<T> fail(String message) {
    return Future.failedFuture(new IllegalArgumentException(message));
  }
}
