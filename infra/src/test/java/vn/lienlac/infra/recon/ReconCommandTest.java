package vn.lienlac.infra.recon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienlac.infra.launcher.Main;
import vn.lienlac.payment.csv.Csv;
import vn.lienlac.payment.reference.PaymentReference;

class ReconCommandTest {

  @TempDir
  Path dir;

  @Test
  void recon_over_files_applies_what_is_certain_and_queues_the_rest() throws Exception {
    String ref7 = PaymentReference.of(PaymentReference.Kind.INVOICE, 7).text();
    Path invoices = Files.writeString(dir.resolve("invoices.csv"),
        "invoice_id,school_code,student_code,student_name,class_name,amount_due,due_date\n"
            + "7,79001,S1,Nguyễn Minh An,3A1,1250000,2026-09-15\n"
            + "8,79001,S2,Võ Gia Huy,3A1,700000,2026-09-15\n");
    Path transactions = Files.writeString(dir.resolve("transactions.csv"),
        "bank_txn_id,account_number,booked_at,amount,direction,memo,payer_name,payer_account\n"
            + "FT1000001,0071,2026-09-10T10:00:00+07:00,1250000,C,MBVCB.6998628625." + ref7.toLowerCase() + " tien an,NGUYEN VAN CUONG,1\n"
            + "FT1000001,0071,2026-09-10T10:00:00+07:00,1250000,C,MBVCB.6998628625." + ref7.toLowerCase() + " tien an,NGUYEN VAN CUONG,1\n"
            + "FT1000002,0071,2026-09-10T11:00:00+07:00,700000,C,VO VAN PHUC chuyen tien,VO VAN PHUC,2\n"
            + "FEE0000003,0071,2026-09-10T23:00:00+07:00,50000,D,Phi quan ly,,\n");
    Path out = dir.resolve("result.csv");

    int exit = Main.commandLine().execute("recon", "--invoices", invoices.toString(), "--transactions",
        transactions.toString(), "--out", out.toString());

    assertThat(exit).isZero();
    List<List<String>> rows = Csv.parse(Files.readString(out));
    assertThat(rows.get(0)).containsExactly("bank_txn_id", "outcome", "invoice_ids", "applied_amount", "reason");
    assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3))
        .containsExactly("FT1000001 matched 7 1250000", "FT1000001 duplicate  0", "FT1000002 suggested 8 0",
            "FEE0000003 ignored  0");
  }
}
