package vn.lienlac.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienlac.payment.reconcile.PaymentsDb.await;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.ledger.Accounts;

/** Accountant decisions on queued credits, each undone, with the ledger agreeing at every step. */
class ExceptionWorkflowTest {

  private static final LocalDate SEPT = LocalDate.parse("2026-09-15");
  private static final String SCHOOL = PaymentsDb.SCHOOL;
  private PaymentsDb db;

  @BeforeEach
  void start() {
    db = new PaymentsDb("recon_exceptions");
    db.student("S1", "Nguyễn Văn An", "6A1", 1, "Trần Thị Bình", "+84901234561");
    db.student("S3", "Lê Minh Đức", "6A1", 3, "Lê Văn Hải", "+84901234563");
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
  }

  @Test
  void a_confirmed_suggestion_is_applied_and_undoing_it_puts_the_credit_back_in_the_queue() {
    long invoice = db.invoice("S3", 1_250_000, SEPT, null);
    long credit = db.credit(1_250_000, "LE VAN HAI chuyen tien", "LE VAN HAI");
    db.reconcile();
    assertThat(db.state(credit)).isEqualTo("suggested");

    var changed = await(db.pool.withTransaction(tx -> db.accountant.confirm(tx, SCHOOL, credit, invoice, "s:7")));
    assertThat(changed.stateAfter()).isEqualTo("applied");
    assertThat(db.status(invoice)).isEqualTo("paid");
    assertThat(db.one("SELECT applied_by FROM payment.application").getString(0)).isEqualTo("s:7");
    assertThat(db.check()).isEmpty();

    await(db.pool.withTransaction(tx -> db.accountant.undo(tx, SCHOOL, credit, "s:7", "wrong family")));
    assertThat(db.state(credit)).isEqualTo("suggested");
    assertThat(db.status(invoice)).isEqualTo("open");
    assertThat(db.one("SELECT voided_at IS NOT NULL FROM payment.receipt").getBoolean(0)).isTrue();
    assertThat(db.check()).isEmpty();
  }

  @Test
  void an_automatic_application_can_be_undone_by_the_accountant_and_matched_elsewhere() {
    long wrong = db.invoice("S1", 500_000, SEPT, null);
    long right = db.invoice("S3", 500_000, SEPT, null);
    long credit = db.credit(500_000, PaymentsDb.ref(wrong), "LE VAN HAI");
    db.reconcile();
    assertThat(db.status(wrong)).isEqualTo("paid");

    await(db.pool.withTransaction(tx -> db.accountant.undo(tx, SCHOOL, credit, "s:7", "parent typed a sibling's code")));
    await(db.pool.withTransaction(tx -> db.accountant.match(tx, SCHOOL,
        Map.of(credit, List.of(new AccountantDecisions.Part(right, 500_000))), "s:7")));
    assertThat(db.status(wrong)).isEqualTo("open");
    assertThat(db.status(right)).isEqualTo("paid");
    assertThat(db.check()).isEmpty();
  }

  @Test
  void one_transfer_is_matched_to_several_invoices_and_several_transfers_to_one() {
    long a = db.invoice("S1", 700_000, SEPT, null);
    long b = db.invoice("S3", 500_000, SEPT, null);
    long c = db.invoice("S3", 900_000, SEPT, null);
    long one = db.credit(1_250_000, "tien hoc 2 chau", "X");
    long two = db.credit(400_000, "lan 1", "Y");
    long three = db.credit(500_000, "lan 2", "Y");
    db.reconcile();

    await(db.pool.withTransaction(tx -> db.accountant.match(tx, SCHOOL, Map.of(
        one, List.of(new AccountantDecisions.Part(a, 700_000), new AccountantDecisions.Part(b, 500_000)),
        two, List.of(new AccountantDecisions.Part(c, 400_000)),
        three, List.of(new AccountantDecisions.Part(c, 500_000))), "s:7")));
    assertThat(List.of(db.status(a), db.status(b), db.status(c))).containsOnly("paid");
    assertThat(await(StudentCredits.balance(db.pool, "S1"))).isEqualTo(50_000);
    assertThat(db.check()).isEmpty();

    assertThatThrownBy(() -> await(db.pool.withTransaction(tx -> db.accountant.match(tx, SCHOOL,
        Map.of(one, List.of(new AccountantDecisions.Part(c, 1))), "s:7"))))
        .isInstanceOf(AccountantDecisions.Refused.class);
  }

  @Test
  void matching_more_than_an_invoice_owes_is_refused_and_changes_nothing() {
    long a = db.invoice("S1", 700_000, SEPT, null);
    long credit = db.credit(1_000_000, "khong ro", "X");
    db.reconcile();
    assertThatThrownBy(() -> await(db.pool.withTransaction(tx -> db.accountant.match(tx, SCHOOL,
        Map.of(credit, List.of(new AccountantDecisions.Part(a, 800_000))), "s:7"))))
        .isInstanceOf(AccountantDecisions.Refused.class);
    assertThat(db.state(credit)).isEqualTo("unmatched");
    assertThat(db.one("SELECT count(*) FROM payment.application").getLong(0)).isZero();
    assertThat(db.check()).isEmpty();
  }

  @Test
  void not_a_fee_and_refunds_move_the_money_out_of_unapplied_and_can_be_undone_until_the_refund_is_paid() {
    long gift = db.credit(2_000_000, "ung ho quy lop", "PHU HUYNH");
    long mistake = db.credit(300_000, "chuyen nham", "NGUOI LA");
    db.reconcile();

    await(db.pool.withTransaction(tx -> db.accountant.notFee(tx, SCHOOL, gift, "s:7", "donation")));
    await(db.pool.withTransaction(tx -> db.accountant.refund(tx, SCHOOL, mistake, "s:7", "wrong school")));
    assertThat(db.balance(Accounts.otherIncome(SCHOOL))).isEqualTo(-2_000_000);
    assertThat(db.balance(Accounts.refundsPayable(SCHOOL))).isEqualTo(-300_000);
    assertThat(db.balance(Accounts.unapplied(SCHOOL))).isZero();
    assertThat(db.check()).isEmpty();

    await(db.pool.withTransaction(tx -> db.accountant.undo(tx, SCHOOL, gift, "s:7", "it was a fee after all")));
    assertThat(db.state(gift)).isEqualTo("unmatched");
    assertThat(db.balance(Accounts.otherIncome(SCHOOL))).isZero();

    await(db.pool.withTransaction(tx -> db.accountant.refundPaid(tx, SCHOOL, mistake, "s:7")));
    assertThat(db.balance(Accounts.bank(SCHOOL))).isEqualTo(2_000_000);
    assertThatThrownBy(() -> await(db.pool.withTransaction(tx -> db.accountant.undo(tx, SCHOOL, mistake, "s:7", "oops"))))
        .isInstanceOf(AccountantDecisions.Refused.class);
    assertThat(db.check()).isEmpty();
  }

  @Test
  void the_bank_debit_of_a_paid_refund_is_not_taken_for_a_reversal() {
    long mistake = db.credit(300_000, "chuyen nham", "NGUOI LA");
    db.reconcile();
    await(db.pool.withTransaction(tx -> db.accountant.refund(tx, SCHOOL, mistake, "s:7", "wrong school")));
    await(db.pool.withTransaction(tx -> db.accountant.refundPaid(tx, SCHOOL, mistake, "s:7")));
    long out = db.bankTxn("OUT0001", "D", 300_000, "Hoan tien GD " + db.bankTxnId(mistake), null);
    db.reconcile();
    assertThat(db.state(out)).isEqualTo("ignored");
    assertThat(db.state(mistake)).isEqualTo("refunded");
    assertThat(db.balance(Accounts.bank(SCHOOL))).isZero();
    assertThat(db.check()).isEmpty();
  }

  @Test
  void another_schools_transaction_is_not_found() {
    long credit = db.credit(300_000, "x", "X");
    db.reconcile();
    assertThatThrownBy(() -> await(db.pool.withTransaction(tx -> db.accountant.notFee(tx, "79999", credit, "s:7", "x"))))
        .isInstanceOf(AccountantDecisions.Refused.class).hasMessageContaining("no such");
  }

  @Test
  void the_daily_report_adds_up_and_the_ledger_check_names_a_tampered_balance() {
    long a = db.invoice("S1", 700_000, SEPT, null);
    db.credit(700_000, PaymentsDb.ref(a), "X");
    long gift = db.credit(100_000, "ung ho", "X");
    db.credit(50_000, "???", "X");
    db.reconcile();
    await(db.pool.withTransaction(tx -> db.accountant.notFee(tx, SCHOOL, gift, "s:7", "donation")));
    var days = await(DailyReport.of(db.pool, SCHOOL, LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-30")));
    assertThat(days).singleElement().satisfies(d -> {
      assertThat(d.credits()).isEqualTo(850_000);
      assertThat(d.applied()).isEqualTo(700_000);
      assertThat(d.notFee()).isEqualTo(100_000);
      assertThat(d.unapplied()).isEqualTo(50_000);
      assertThat(d.balanced()).isTrue();
    });

    db.sql("UPDATE payment.invoice SET amount_paid = 600000 WHERE id = $1", a);
    assertThat(db.check()).extracting(Object::toString)
        .anySatisfy(s -> assertThat(s).startsWith("receivable:" + a))
        .anySatisfy(s -> assertThat(s).startsWith("invoice " + a));
  }
}
