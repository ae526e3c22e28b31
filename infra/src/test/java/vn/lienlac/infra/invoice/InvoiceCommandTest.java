package vn.lienlac.infra.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.lienlac.infra.launcher.Main;

class InvoiceCommandTest {

  @TempDir
  Path dir;

  @Test
  void invoice_refs_writes_the_file_with_references_and_qr_payloads() throws Exception {
    Path in = dir.resolve("invoices.csv");
    Files.writeString(in, "invoice_id,school_code,student_code,student_name,class_name,amount_due,due_date\n"
        + "7,79001,S1,\"Nguyễn Minh An\",3A1,1250000,2026-09-15\n");
    Path out = dir.resolve("invoices_with_refs.csv");

    int exit = Main.commandLine().execute("invoice", "refs", "--in", in.toString(), "--out", out.toString(),
        "--bin", "970436", "--account", "0071001104341");

    assertThat(exit).isZero();
    String written = Files.readString(out);
    assertThat(written.lines().findFirst().orElseThrow()).endsWith(",reference,vietqr");
    assertThat(written).contains("Nguyễn Minh An").contains("000201010212");
  }

  @Test
  void a_bad_file_writes_nothing_and_exits_2_naming_the_line() throws Exception {
    Path in = dir.resolve("bad.csv");
    Files.writeString(in, "invoice_id,school_code,student_code,student_name,class_name,amount_due,due_date\n"
        + "7,79001,S1,An,3A1,-5,2026-09-15\n");
    Path out = dir.resolve("out.csv");
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("invoice", "refs", "--in", in.toString(), "--out", out.toString(),
        "--bin", "970436", "--account", "0071001104341");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("line 2: amount_due");
    assertThat(out).doesNotExist();
  }
}
