package vn.lienlac.infra.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.lienlac.infra.launcher.Main;
import vn.lienlac.infra.runtime.ModuleMigrations;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.infra.support.testing.TestServices;

class LedgerVerifyCommandTest {

  PgUrl ours;

  @BeforeEach
  void migrate() {
    ours = TestServices.freshDatabase("ledger_verify");
    ModuleMigrations.of(ours).migrate();
    TestServices.execute(ours, """
        INSERT INTO payment.collection_account (account_number, school_code) VALUES ('ACC', 'S1');
        INSERT INTO payment.invoice (id, school_code, student_id, period_label, reference, amount_due, amount_paid, due_date, status)
          VALUES (1, 'S1', 'ST1', 'Tháng 9/2026', 'LLP-TEST-1', 1250000, 0, '2026-09-15', 'open');
        INSERT INTO payment.journal_entry (id, school_code, kind, invoice_id) VALUES (1, 'S1', 'invoice_issued', 1);
        INSERT INTO payment.journal_line VALUES (1, 1, 'receivable:1', 1250000), (1, 2, 'fee_income:S1', -1250000)""");
  }

  @AfterEach
  void drop() {
    TestServices.dropDatabase(ours);
  }

  @Test
  void a_ledger_that_agrees_with_the_invoices_verifies_and_a_tampered_invoice_is_named_with_exit_1() {
    StringWriter out = new StringWriter();
    assertThat(run(out, "ledger", "verify", "--pg-url", ours.uri())).isZero();
    assertThat(out.toString()).contains("ledger verified");

    TestServices.execute(ours, "UPDATE payment.invoice SET amount_paid = 250000, status = 'partially_paid' WHERE id = 1");
    StringWriter again = new StringWriter();
    assertThat(run(again, "ledger", "verify", "--pg-url", ours.uri())).isEqualTo(1);
    assertThat(again.toString()).contains("receivable:1: expected 1000000 đ").contains("invoice 1 amount_paid")
        .contains("2 discrepancies");
  }

  private static int run(StringWriter out, String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    return cli.execute(args);
  }
}
