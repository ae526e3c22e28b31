package vn.lienlac.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.payment.reconcile.PaymentsDb.await;
import static vn.lienlac.payment.reconcile.PaymentsDb.ref;

import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.ledger.Accounts;

/** The database engine against real PostgreSQL: the rules of file mode, applied in one transaction each. */
class ReconEngineTest {

  private static final LocalDate SEPT = LocalDate.parse("2026-09-15");
  private PaymentsDb db;

  @BeforeEach
  void start() {
    db = new PaymentsDb("recon_engine");
    db.student("S1", "Nguyễn Văn An", "6A1", 1, "Trần Thị Bình", "+84901234561");
    db.student("S2", "Nguyễn Thị Chi", "4A2", 1, "Trần Thị Bình", "+84901234561");
    db.student("S3", "Lê Minh Đức", "6A1", 3, "Lê Văn Hải", "+84901234563");
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
  }

  @Test
  void references_in_mangled_memos_pay_their_invoices_with_receipt_ledger_and_notice() {
    long a = db.invoice("S1", 1_250_000, SEPT, null);
    long b = db.invoice("S3", 700_000, SEPT, null);
    long c = db.invoice("S2", 350_000, SEPT, null);
    String ra = ref(a);
    long t1 = db.credit(1_250_000, "MBVCB.6998628625." + ra.toLowerCase() + ".CT tu 0071001104341", "TRAN THI BINH");
    long t2 = db.credit(700_000, "FT24255276428461 " + ref(b).substring(0, 4) + "." + ref(b).substring(4, 8) + " "
        + ref(b).substring(8) + " hoc phi", "LE VAN HAI");
    long t3 = db.credit(350_000, "884114.100924.223854 " + ref(c).toLowerCase().replace("", " ").trim() + " chuyen", "X");

    db.reconcile();

    assertThat(List.of(db.state(t1), db.state(t2), db.state(t3))).containsOnly("applied");
    assertThat(List.of(db.status(a), db.status(b), db.status(c))).containsOnly("paid");
    assertThat(db.balance(Accounts.receivable(a))).isZero();
    assertThat(db.balance(Accounts.bank(PaymentsDb.SCHOOL))).isEqualTo(2_300_000);
    assertThat(db.balance(Accounts.unapplied(PaymentsDb.SCHOOL))).isZero();
    List<Row> receipts = db.rows("SELECT series, number, amount FROM payment.receipt ORDER BY number");
    assertThat(receipts).extracting(r -> r.getInteger(1)).containsExactly(1, 2, 3);
    assertThat(receipts.get(0).getString(0)).matches("BL/20\\d\\d");
    assertThat(db.notices()).anySatisfy(n -> {
      assertThat(n.getString("amount")).isEqualTo("1.250.000");
      assertThat(n.getString("phone_e164")).isEqualTo("+84901234561");
    });
    assertThat(db.check()).isEmpty();
  }

  @Test
  void a_short_payment_leaves_the_invoice_partially_paid_and_a_second_one_completes_it() {
    long a = db.invoice("S1", 1_250_000, SEPT, null);
    db.credit(500_000, ref(a), "TRAN THI BINH");
    db.reconcile();
    assertThat(db.status(a)).isEqualTo("partially_paid");
    assertThat(db.balance(Accounts.receivable(a))).isEqualTo(750_000);
    db.credit(750_000, "thanh toan " + ref(a), "TRAN THI BINH");
    db.reconcile();
    assertThat(db.status(a)).isEqualTo("paid");
    assertThat(db.check()).isEmpty();
  }

  @Test
  void an_overpayment_pays_the_invoice_and_keeps_the_excess_as_the_students_credit() {
    long a = db.invoice("S1", 1_250_000, SEPT, null);
    db.credit(1_300_000, ref(a), "TRAN THI BINH");
    db.reconcile();
    assertThat(db.status(a)).isEqualTo("paid");
    assertThat(await(StudentCredits.balance(db.pool, "S1"))).isEqualTo(50_000);
    assertThat(db.balance(Accounts.studentCredit("S1"))).isEqualTo(-50_000);
    assertThat(db.rows("SELECT kind FROM payment.application ORDER BY id")).extracting(r -> r.getString(0))
        .containsExactly("payment", "student_credit");
    assertThat(db.check()).isEmpty();
  }

  @Test
  void a_second_payment_of_a_paid_invoice_is_queued_not_applied() {
    long a = db.invoice("S1", 1_250_000, SEPT, null);
    db.credit(1_250_000, ref(a), "TRAN THI BINH");
    long again = db.credit(1_250_000, ref(a), "TRAN THI BINH");
    db.reconcile();
    assertThat(db.state(again)).isEqualTo("suggested");
    assertThat(db.paid(a)).isEqualTo(1_250_000);
    assertThat(db.one("SELECT invoice_id FROM payment.recon_suggestion WHERE bank_transaction_id = $1", again).getLong(0))
        .isEqualTo(a);
    assertThat(db.balance(Accounts.unapplied(PaymentsDb.SCHOOL))).isEqualTo(-1_250_000);
    assertThat(db.check()).isEmpty();
  }

  @Test
  void a_household_reference_pays_the_childrens_invoices_earliest_due_first() {
    long later = db.invoice("S1", 1_000_000, SEPT.plusDays(10), 42L);
    long earlier = db.invoice("S2", 600_000, SEPT, 42L);
    String household = vn.lienlac.payment.reference.PaymentReference.of(
        vn.lienlac.payment.reference.PaymentReference.Kind.HOUSEHOLD, 42).text();
    db.credit(1_800_000, "TRAN THI BINH CK " + household.toLowerCase(), "TRAN THI BINH");
    db.reconcile();
    assertThat(db.status(earlier)).isEqualTo("paid");
    assertThat(db.status(later)).isEqualTo("paid");
    assertThat(await(StudentCredits.balance(db.pool, "S2"))).isEqualTo(200_000); // the child due first
    assertThat(db.check()).isEmpty();

    long third = db.invoice("S1", 900_000, SEPT.plusDays(20), 43L);
    db.credit(400_000, vn.lienlac.payment.reference.PaymentReference.of(
        vn.lienlac.payment.reference.PaymentReference.Kind.HOUSEHOLD, 43).text(), "TRAN THI BINH");
    db.reconcile();
    assertThat(db.status(third)).isEqualTo("partially_paid");
  }

  @Test
  void credits_without_a_usable_reference_are_never_applied_and_get_ranked_suggestions() {
    long a = db.invoice("S1", 1_250_000, SEPT, null);
    long b = db.invoice("S3", 1_250_000, SEPT, null);
    String damaged = ref(a).substring(0, 11) + (ref(a).charAt(11) == 'X' ? 'Y' : 'X');
    long byGuardian = db.credit(1_250_000, "LE VAN HAI chuyen tien an", "LE VAN HAI");
    long badCheck = db.credit(1_250_000, damaged, "NGUYEN VAN AN");
    long nothing = db.credit(990_000, "ung ho", "AI DO");
    long twoRefs = db.credit(1_250_000, ref(a) + " " + ref(b), "X");
    db.reconcile();

    assertThat(db.state(byGuardian)).isEqualTo("suggested");
    assertThat(db.one("SELECT invoice_id FROM payment.recon_suggestion WHERE bank_transaction_id = $1 AND rank = 1",
        byGuardian).getLong(0)).isEqualTo(b);
    assertThat(db.state(badCheck)).isEqualTo("suggested");
    assertThat(db.one("SELECT invoice_id FROM payment.recon_suggestion WHERE bank_transaction_id = $1 AND rank = 1",
        badCheck).getLong(0)).isEqualTo(a);
    assertThat(db.state(nothing)).isEqualTo("unmatched");
    assertThat(db.state(twoRefs)).isEqualTo("suggested");
    assertThat(db.paid(a) + db.paid(b)).isZero();
    assertThat(db.one("SELECT count(*) FROM payment.application").getLong(0)).isZero();
    assertThat(db.check()).isEmpty();
  }

  @Test
  void a_debit_naming_an_earlier_credit_undoes_its_applications_and_voids_the_receipts() {
    long a = db.invoice("S1", 1_250_000, SEPT, null);
    long credit = db.credit(1_300_000, ref(a), "TRAN THI BINH");
    db.reconcile();
    long debit = db.bankTxn("RV1", "D", 1_300_000, "Hoan tra GD " + db.bankTxnId(credit), null);
    db.reconcile();

    assertThat(db.state(credit)).isEqualTo("reversed");
    assertThat(db.state(debit)).isEqualTo("reversed");
    assertThat(db.status(a)).isEqualTo("open");
    assertThat(db.paid(a)).isZero();
    assertThat(await(StudentCredits.balance(db.pool, "S1"))).isZero();
    assertThat(db.rows("SELECT voided_at FROM payment.receipt")).allSatisfy(r -> assertThat(r.getValue(0)).isNotNull());
    assertThat(db.balance(Accounts.bank(PaymentsDb.SCHOOL))).isZero();
    assertThat(db.check()).isEmpty();

    long unrelated = db.bankTxn("FEE0001", "D", 11_000, "phi dich vu", null);
    db.reconcile();
    assertThat(db.state(unrelated)).isEqualTo("ignored");
  }

  @Test
  void a_failure_inside_the_transaction_leaves_nothing_partial_and_the_credit_new_for_a_retry() {
    long a = db.invoice("S1", 1_250_000, SEPT, null);
    long b = db.invoice("S3", 700_000, SEPT, null);
    db.sql("""
        CREATE FUNCTION payment.fail_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.amount = 1250000 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$""");
    db.sql("CREATE TRIGGER fail_receipt BEFORE INSERT ON payment.receipt FOR EACH ROW EXECUTE FUNCTION payment.fail_receipt()");
    long failing = db.credit(1_250_000, ref(a), "TRAN THI BINH");
    long fine = db.credit(700_000, ref(b), "LE VAN HAI");
    await(db.worker(db.pool, 20).runOnce());

    assertThat(db.state(failing)).isEqualTo("new");
    assertThat(db.paid(a)).isZero();
    assertThat(db.one("SELECT count(*) FROM payment.application WHERE bank_transaction_id = $1", failing).getLong(0)).isZero();
    assertThat(db.one("SELECT count(*) FROM payment.journal_entry WHERE bank_transaction_id = $1", failing).getLong(0)).isZero();
    assertThat(db.state(fine)).isEqualTo("applied");
    assertThat(db.one("SELECT number FROM payment.receipt").getInteger(0)).isEqualTo(1);
    assertThat(db.check()).isEmpty();

    db.sql("DROP TRIGGER fail_receipt ON payment.receipt");
    db.reconcile();
    assertThat(db.state(failing)).isEqualTo("applied");
    assertThat(db.rows("SELECT number FROM payment.receipt ORDER BY number")).extracting(r -> r.getInteger(0))
        .containsExactly(1, 2);
    assertThat(db.check()).isEmpty();
  }
}
