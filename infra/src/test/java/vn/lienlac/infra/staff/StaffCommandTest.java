package vn.lienlac.infra.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.lienlac.infra.launcher.Main;
import vn.lienlac.infra.runtime.LocalDatabases;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;

/** `./lienlac staff …` against a real migrated database with a small directory. */
class StaffCommandTest {

  PgUrl db;

  @BeforeEach
  void directory() {
    db = TestServices.freshDatabase("staff_cmd");
    ModuleMigrations.of(db).migrate();
    TestServices.execute(db, """
        INSERT INTO directory.school (code, name, level, education_office_code, upstream_updated_at) VALUES
          ('79001', 'THCS Nguyễn Du', 'THCS', 'PGD760', now())""");
    TestServices.execute(db, """
        INSERT INTO directory.teacher (code, full_name, phone_e164, school_code, upstream_updated_at) VALUES
          ('79001-GV001', 'Nguyễn Thị Hoa', '+84912000001', '79001', now()),
          ('79001-GV002', 'Trần Văn Nam', '+84912000002', '79001', now())""");
  }

  @AfterEach
  void drop() {
    StaffDatabase.stdin = System.in;
    TestServices.dropDatabase(db);
  }

  record Run(int exit, String out, String err) {}

  private Run run(String stdin, String... args) {
    StaffDatabase.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--pg-url";
    all[args.length + 1] = db.uri();
    return new Run(cli.execute(all), out.toString(), err.toString());
  }

  private String value(String sql) {
    return LocalDatabases.value(db, sql);
  }

  @Test
  void sync_teachers_creates_one_disabled_account_per_teacher_and_is_safe_to_repeat() {
    Run first = run("", "staff", "sync-teachers");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("2 created");
    assertThat(value("SELECT string_agg(username || ':' || role || ':' || school_code || ':' || district_code || ':'"
        + " || disabled_reason, ',' ORDER BY username) FROM api.staff_account"))
        .isEqualTo("79001-gv001:teacher:79001:PGD760:no_password,79001-gv002:teacher:79001:PGD760:no_password");

    assertThat(run("", "staff", "sync-teachers").out()).contains("0 created");

    TestServices.execute(db, "UPDATE directory.teacher SET removed_at = now() WHERE code = '79001-GV002'");
    assertThat(run("", "staff", "sync-teachers").out()).contains("1 disabled");
    assertThat(value("SELECT disabled_reason FROM api.staff_account WHERE teacher_code = '79001-GV002'"))
        .isEqualTo("teacher_removed");
    Run password = run("mot-mat-khau-du-dai\n", "staff", "password", "--username", "79001-gv002", "--password-stdin");
    assertThat(password.out()).as("a departed teacher stays out").contains("stays disabled");

    TestServices.execute(db, "UPDATE directory.teacher SET removed_at = NULL WHERE code = '79001-GV002'");
    assertThat(run("", "staff", "sync-teachers").out()).contains("1 restored");
    assertThat(value("SELECT (disabled_at IS NULL)::text FROM api.staff_account WHERE teacher_code = '79001-GV002'"))
        .as("it has a password now, so it can sign in again").isEqualTo("true");
  }

  @Test
  void setting_a_password_lets_a_directory_teacher_sign_in() {
    run("", "staff", "sync-teachers");

    Run set = run("mot-mat-khau-du-dai\n", "staff", "password", "--username", "79001-GV001", "--password-stdin");

    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out()).contains("can sign in");
    assertThat(value("SELECT password_hash LIKE '$argon2id$v=19$%' AND disabled_at IS NULL FROM api.staff_account"
        + " WHERE username = '79001-gv001'")).isEqualTo("t");
  }

  @Test
  void a_short_password_or_an_unknown_username_is_refused() {
    run("", "staff", "sync-teachers");
    Run shortOne = run("ngan\n", "staff", "password", "--username", "79001-gv001", "--password-stdin");
    assertThat(shortOne.exit()).isEqualTo(2);
    assertThat(shortOne.err()).contains("at least 10 characters");

    Run unknown = run("mot-mat-khau-du-dai\n", "staff", "password", "--username", "nobody", "--password-stdin");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no staff account 'nobody'");
  }

  @Test
  void an_accountant_with_totp_gets_a_hashed_password_and_the_enrolment_uri() {
    Run r = run("mat-khau-ke-toan\n", "staff", "add", "--username", "ketoan79001", "--role", "accountant",
        "--school", "79001", "--password-stdin", "--totp");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("created staff account 'ketoan79001'")
        .containsPattern("otpauth://totp/.+:ketoan79001\\?secret=[A-Z2-7]+&issuer=");
    assertThat(value("SELECT role || ':' || school_code || ':' || district_code || ':' || (totp_secret IS NOT NULL)"
        + " || ':' || (disabled_at IS NULL) FROM api.staff_account WHERE username = 'ketoan79001'"))
        .isEqualTo("accountant:79001:PGD760:true:true");
  }

  @Test
  void accounts_that_do_not_fit_the_directory_are_refused_naming_why_and_nothing_is_written() {
    assertThat(run("", "staff", "add", "--username", "hieutruong", "--role", "principal", "--school", "99999").err())
        .contains("no school '99999' in the directory");
    assertThat(run("", "staff", "add", "--username", "hieutruong", "--role", "principal").err())
        .contains("needs --school");
    assertThat(run("", "staff", "add", "--username", "phonggd", "--role", "district_officer").err())
        .contains("needs --district");
    assertThat(run("", "staff", "add", "--username", "phonggd", "--role", "district_officer", "--district", "PGD999").err())
        .contains("no school in the directory belongs to district 'PGD999'");
    assertThat(run("", "staff", "add", "--username", "gv", "--role", "teacher").err()).contains("needs --teacher");
    assertThat(run("", "staff", "add", "--username", "gvx", "--role", "teacher", "--teacher", "NOPE").err())
        .contains("no teacher 'NOPE'");
    assertThat(run("", "staff", "add", "--username", "x", "--role", "accountant", "--school", "79001").err())
        .contains("username 'x'");
    assertThat(run("", "staff", "add", "--username", "boss", "--role", "king", "--school", "79001").err())
        .contains("unknown staff role 'king'");
    assertThat(value("SELECT count(*) FROM api.staff_account")).isEqualTo("0");
  }

  @Test
  void a_district_officer_and_a_teacher_are_placed_from_the_directory() {
    assertThat(run("", "staff", "add", "--username", "phonggd", "--role", "district_officer", "--district", "PGD760").exit())
        .isZero();
    Run teacher = run("", "staff", "add", "--username", "co.hoa", "--role", "teacher", "--teacher", "79001-GV001");
    assertThat(teacher.exit()).as(teacher.err()).isZero();
    assertThat(teacher.out()).contains("disabled until a password is set");
    assertThat(value("SELECT display_name || ':' || school_code FROM api.staff_account WHERE username = 'co.hoa'"))
        .isEqualTo("Nguyễn Thị Hoa:79001");

    Run again = run("", "staff", "add", "--username", "co.hoa2", "--role", "teacher", "--teacher", "79001-GV001");
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("already has the account 'co.hoa'");
    assertThat(run("", "staff", "sync-teachers").out()).as("GV001 has an account already").contains("1 created");
  }
}
