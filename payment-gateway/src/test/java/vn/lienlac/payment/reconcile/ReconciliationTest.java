package vn.lienlac.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.reference.PaymentReference;
import vn.lienlac.payment.statement.BankTransaction;
import vn.lienlac.payment.statement.BankTransaction.Direction;

class ReconciliationTest {

  static final String ACCOUNT = "0071001104341";
  static final OpenInvoice AN = new OpenInvoice("HD-1", 1, 10L, "S1", "Nguyễn Minh An", 1_250_000, LocalDate.parse("2026-09-15"));
  static final OpenInvoice BINH = new OpenInvoice("HD-2", 2, 10L, "S2", "Nguyễn Thu Bình", 980_000, LocalDate.parse("2026-09-10"));
  static final OpenInvoice HUY = new OpenInvoice("HD-3", 3, null, "S3", "Võ Gia Huy", 700_000, LocalDate.parse("2026-09-15"));

  Reconciliation recon;
  int sequence;

  @BeforeEach
  void setUp() {
    recon = new Reconciliation(List.of(AN, BINH, HUY));
  }

  @Test
  void a_credit_with_the_reference_and_the_exact_amount_pays_the_invoice() {
    ReconResult r = recon.apply(credit(1_250_000, "MBVCB.6998628625." + ref(1).toLowerCase() + ".tien an T9 FT2425"));

    assertThat(r.outcome()).isEqualTo(Outcome.MATCHED);
    assertThat(r.invoiceIds()).containsExactly("HD-1");
    assertThat(r.appliedAmount()).isEqualTo(1_250_000);
    assertThat(recon.outstanding("HD-1")).isZero();
  }

  @Test
  void less_than_due_is_partial_and_a_second_transfer_completes_it() {
    assertThat(recon.apply(credit(500_000, ref(1))).outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(recon.outstanding("HD-1")).isEqualTo(750_000);

    ReconResult rest = recon.apply(credit(750_000, ref(1)));

    assertThat(rest.outcome()).isEqualTo(Outcome.MATCHED);
    assertThat(recon.outstanding("HD-1")).isZero();
  }

  @Test
  void more_than_due_pays_the_invoice_and_keeps_the_excess_as_the_students_credit() {
    ReconResult r = recon.apply(credit(1_300_000, ref(1)));

    assertThat(r.outcome()).isEqualTo(Outcome.OVERPAID);
    assertThat(r.appliedAmount()).isEqualTo(1_250_000);
    assertThat(recon.studentCredit("S1")).isEqualTo(50_000);
  }

  @Test
  void the_same_bank_transaction_twice_is_applied_once() {
    BankTransaction t = credit(1_250_000, ref(1));
    recon.apply(t);

    ReconResult again = recon.apply(t);

    assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(again.appliedAmount()).isZero();
    assertThat(recon.studentCredit("S1")).isZero();
  }

  @Test
  void a_debit_naming_an_earlier_credit_undoes_its_application_once() {
    BankTransaction paid = credit(1_300_000, ref(1));
    recon.apply(paid);

    ReconResult reversal = recon.apply(debit(1_300_000, "Hoan tra " + paid.bankTxnId()));
    ReconResult twice = recon.apply(debit(1_300_000, "Hoan tra lan 2 " + paid.bankTxnId()));

    assertThat(reversal.outcome()).isEqualTo(Outcome.REVERSAL);
    assertThat(reversal.appliedAmount()).isEqualTo(1_300_000);
    assertThat(recon.outstanding("HD-1")).isEqualTo(1_250_000);
    assertThat(recon.studentCredit("S1")).isZero();
    assertThat(twice.outcome()).isEqualTo(Outcome.IGNORED);
  }

  @Test
  void a_household_transfer_is_split_earliest_due_first() {
    String household = PaymentReference.of(PaymentReference.Kind.HOUSEHOLD, 10).text();

    ReconResult part = recon.apply(credit(1_500_000, "Nop tien cho 2 chau " + household));

    assertThat(part.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(recon.outstanding("HD-2")).as("due earlier, paid first").isZero();
    assertThat(recon.outstanding("HD-1")).isEqualTo(730_000);

    ReconResult rest = recon.apply(credit(800_000, household));
    assertThat(rest.outcome()).isEqualTo(Outcome.OVERPAID);
    assertThat(recon.outstanding("HD-1")).isZero();
    assertThat(rest.invoiceIds()).as("the invoices this transfer paid").containsExactly("HD-1");
  }

  @Test
  void a_credit_without_a_reference_is_never_applied_but_suggested_by_amount_and_name() {
    ReconResult r = recon.apply(new BankTransaction(ACCOUNT, "FT" + (++sequence), Instant.parse("2026-09-14T03:00:00Z"),
        700_000, Direction.CREDIT, false, "VO VAN PHUC chuyen tien hoc", "VO VAN PHUC", "0011"));

    assertThat(r.outcome()).isEqualTo(Outcome.SUGGESTED);
    assertThat(r.invoiceIds()).containsExactly("HD-3");
    assertThat(r.appliedAmount()).isZero();
    assertThat(recon.outstanding("HD-3")).isEqualTo(700_000);
  }

  @Test
  void nothing_to_suggest_is_unmatched() {
    assertThat(recon.apply(credit(123_000, "ung ho quy lop")).outcome()).isEqualTo(Outcome.UNMATCHED);
  }

  @Test
  void two_different_references_or_a_reference_we_never_issued_are_not_applied() {
    ReconResult two = recon.apply(credit(1_950_000, ref(1) + " " + ref(3)));
    assertThat(two.outcome()).isEqualTo(Outcome.SUGGESTED);
    assertThat(two.invoiceIds()).containsExactlyInAnyOrder("HD-1", "HD-3");
    assertThat(recon.outstanding("HD-1")).isEqualTo(1_250_000);

    ReconResult unknown = recon.apply(credit(1_250_000, ref(999)));
    assertThat(unknown.outcome()).isIn(Outcome.SUGGESTED, Outcome.UNMATCHED);
    assertThat(unknown.reason()).contains("not issued");
    assertThat(recon.outstanding("HD-1")).isEqualTo(1_250_000);
  }

  @Test
  void a_mistyped_reference_is_never_used() {
    String good = ref(1);
    char[] typo = good.toCharArray();
    typo[5] = typo[5] == '7' ? '8' : '7';

    ReconResult r = recon.apply(credit(1_250_000, new String(typo)));

    assertThat(r.outcome()).isNotIn(Outcome.MATCHED, Outcome.PARTIAL, Outcome.OVERPAID);
    assertThat(recon.outstanding("HD-1")).isEqualTo(1_250_000);
  }

  @Test
  void a_debit_that_names_nothing_is_ignored() {
    assertThat(recon.apply(debit(50_000, "Phi quan ly tai khoan")).outcome()).isEqualTo(Outcome.IGNORED);
  }

  private static String ref(long number) {
    return PaymentReference.of(PaymentReference.Kind.INVOICE, number).text();
  }

  private BankTransaction credit(long amount, String memo) {
    return new BankTransaction(ACCOUNT, "FT2425527642" + (1000 + ++sequence), Instant.parse("2026-09-10T15:00:00Z"),
        amount, Direction.CREDIT, false, memo, "NGUYEN VAN CUONG", "0011004455667");
  }

  private BankTransaction debit(long amount, String memo) {
    return new BankTransaction(ACCOUNT, "RV" + (++sequence), Instant.parse("2026-09-11T15:00:00Z"),
        amount, Direction.DEBIT, true, memo, null, null);
  }
}
