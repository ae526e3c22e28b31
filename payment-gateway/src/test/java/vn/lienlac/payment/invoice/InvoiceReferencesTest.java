package vn.lienlac.payment.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.csv.Csv;
import vn.lienlac.payment.reference.PaymentReference;
import vn.lienlac.payment.reference.ReferenceFinder;
import vn.lienlac.payment.vietqr.VietQrDecoder;
import vn.lienlac.payment.vietqr.VietQrPayload;

class InvoiceReferencesTest {

  static final InvoiceReferences.CollectionAccount VCB = new InvoiceReferences.CollectionAccount("970436", "0071001104341");

  static final String INVOICES = """
      invoice_id,school_code,student_code,student_name,class_name,amount_due,due_date,household_id
      1001,79001,079216000001,"Nguyễn Minh An",3A1,1250000,2026-09-15,501
      1002,79002,079214000002,"Nguyễn Thu Bình",6A1,980000,2026-09-15,501
      1003,79001,079216000005,"Võ Gia Huy",3A2,1250000,2026-09-15,
      """;

  @Test
  void every_invoice_gets_its_reference_and_a_qr_that_pays_exactly_it() {
    List<List<String>> out = Csv.parse(InvoiceReferences.assign(INVOICES, VCB));

    assertThat(out.get(0)).endsWith("reference", "vietqr", "household_reference");
    List<String> first = out.get(1);
    String reference = first.get(8);
    assertThat(PaymentReference.parse(reference)).contains(PaymentReference.of(PaymentReference.Kind.INVOICE, 1001));
    VietQrPayload qr = VietQrDecoder.decode(first.get(9));
    assertThat(qr.bin()).isEqualTo("970436");
    assertThat(qr.account()).isEqualTo("0071001104341");
    assertThat(qr.amount()).isEqualTo(1_250_000L);
    assertThat(ReferenceFinder.findAll(qr.memo())).containsExactly(PaymentReference.of(PaymentReference.Kind.INVOICE, 1001));
  }

  @Test
  void siblings_share_one_household_reference_and_a_child_without_household_has_none() {
    List<List<String>> out = Csv.parse(InvoiceReferences.assign(INVOICES, VCB));

    assertThat(out.get(1).get(10)).isEqualTo(out.get(2).get(10))
        .isEqualTo(PaymentReference.of(PaymentReference.Kind.HOUSEHOLD, 501).text());
    assertThat(out.get(3).get(10)).isEmpty();
  }

  @Test
  void the_same_file_always_gets_the_same_references() {
    assertThat(InvoiceReferences.assign(INVOICES, VCB)).isEqualTo(InvoiceReferences.assign(INVOICES, VCB));
  }

  @Test
  void a_bad_file_gives_no_output_and_lists_every_problem_by_line() {
    String bad = """
        invoice_id,school_code,student_code,student_name,class_name,amount_due,due_date
        1001,79001,S1,An,3A1,1250000.50,2026-09-15
        abc,79001,S2,Bình,3A1,100000,2026-09-15
        1003,79001,S3,Châu,3A1,100000,15/09/2026
        1003,79001,S4,Dũng,3A1,100000,2026-09-15
        """;

    assertThatThrownBy(() -> InvoiceReferences.assign(bad, VCB))
        .isInstanceOf(InvoiceReferences.BadInvoiceFile.class)
        .hasMessageContaining("line 2: amount_due")
        .hasMessageContaining("line 3: invoice_id")
        .hasMessageContaining("line 4: due_date")
        .hasMessageContaining("line 5: invoice_id 1003 appears twice");
    assertThatThrownBy(() -> InvoiceReferences.assign("invoice_id,amount_due\n1,5\n", VCB))
        .hasMessageContaining("no 'due_date' column");
  }
}
