package vn.lienlac.infra.statements;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.lienlac.infra.launcher.Main;
import vn.lienlac.infra.runtime.LocalDatabases;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;

/** `./lienlac statements import` against a real migrated database. */
class ImportStatementCommandTest {

  static final String MT940 = """
      :20:STMT20260912
      :25:0071001104341
      :28C:00246/001
      :60F:C260911VND15000000,
      :61:2609120912C1250000,NTRFFTCLISEEN01//884114
      :86:LLP0PSRN1NR9 tien an
      :61:2609120912C320000,NTRFFTCLIMISS01//884115
      :86:LLP0PSRN1NR9 cau lac bo
      :61:260912D50000,NCHGFEE-20260912
      :86:Phi quan ly tai khoan
      :62F:C260912VND16520000,
      """;

  @TempDir
  Path dir;
  PgUrl db;
  ByteArrayOutputStream printed;

  @BeforeEach
  void database() {
    db = TestServices.freshDatabase("stmt_cmd");
    ModuleMigrations.of(db).migrate();
    TestServices.execute(db, "INSERT INTO payment.collection_account (school_code, bin, account_number) VALUES ('S1', '970436', '0071001104341')");
    TestServices.execute(db, "INSERT INTO payment.bank_transaction (account_number, bank_txn_id, source, direction, amount, booked_at, seen_by, school_code)"
        + " VALUES ('0071001104341', 'FTCLISEEN01', 'payos', 'C', 1250000, now(), '{payos}', 'S1')");
    printed = new ByteArrayOutputStream();
    ImportStatementCommand.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  }

  @AfterEach
  void drop() {
    ImportStatementCommand.out = System.out;
    TestServices.dropDatabase(db);
  }

  int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    String[] all = new String[args.length + 4];
    all[0] = "statements";
    all[1] = "import";
    System.arraycopy(args, 0, all, 2, args.length);
    all[args.length + 2] = "--pg-url";
    all[args.length + 3] = db.uri();
    return cli.execute(all);
  }

  @Test
  void an_mt940_file_is_imported_once_counting_the_webhook_credit_once_and_naming_the_missed_one() throws Exception {
    Path file = Files.writeString(dir.resolve("vcb.sta"), MT940);
    assertThat(run("--file", file.toString(), "--format", "mt940", "--json")).isZero();
    JsonObject report = new JsonObject(printed.toString(StandardCharsets.UTF_8).strip());
    assertThat(report.getInteger("new")).isEqualTo(2);
    assertThat(report.getInteger("alreadyKnown")).isEqualTo(1);
    assertThat(report.getJsonArray("missedNotifications")).hasSize(1);
    assertThat(report.getJsonArray("missedNotifications").getJsonObject(0).getString("bankTxnId")).isEqualTo("FTCLIMISS01");
    printed.reset();
    assertThat(run("--file", file.toString())).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("0 new, 3 already known").contains("FTCLIMISS01");
    assertThat(LocalDatabases.value(db, "SELECT count(*)::text FROM payment.bank_transaction")).isEqualTo("3");
  }

  @Test
  void a_file_of_another_format_than_announced_stores_nothing_and_exits_2() throws Exception {
    Path file = Files.writeString(dir.resolve("vcb.sta"), MT940);
    assertThat(run("--file", file.toString(), "--format", "csv")).isEqualTo(2);
    assertThat(LocalDatabases.value(db, "SELECT count(*)::text FROM payment.bank_transaction")).isEqualTo("1");
  }
}
