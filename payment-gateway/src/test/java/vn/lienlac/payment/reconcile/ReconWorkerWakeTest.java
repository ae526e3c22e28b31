package vn.lienlac.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.payment.reconcile.PaymentsDb.await;
import static vn.lienlac.payment.reconcile.PaymentsDb.ref;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.payment.ledger.Accounts;
import vn.lienlac.payment.ledger.JournalEntry;
import vn.lienlac.payment.ledger.JournalLine;

class ReconWorkerWakeTest {

  private static final LocalDate SEPT = LocalDate.parse("2026-09-15");
  private PaymentsDb db;

  @BeforeEach
  void start() {
    db = new PaymentsDb("recon_wake");
    db.student("S1", "Nguyễn Văn An", "6A1", 1, "Trần Thị Bình", "+84901234561");
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
  }

  @Test
  void the_deployed_worker_is_woken_by_notify_payment_recon_without_waiting_for_its_timer() throws Exception {
    ReconWorker worker = new ReconWorker(db.pool, db.connectOptions(), db.applier,
        new PaymentNotifier(vn.lienlac.messaging.notice.Notices::within, PaymentEvents.none()), 10, Duration.ofHours(1));
    await(db.vertx.deployVerticle(worker));
    Thread.sleep(500); // LISTEN is issued once the verticle has started
    long invoice = db.invoice("S1", 1_250_000, SEPT, null);
    long credit = db.credit(1_250_000, ref(invoice), "TRAN THI BINH");
    db.sql("SELECT pg_notify('payment_recon', $1)", Long.toString(credit));

    long deadline = System.currentTimeMillis() + 10_000;
    while (!"applied".equals(db.state(credit)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(db.state(credit)).isEqualTo("applied");
    assertThat(db.status(invoice)).isEqualTo("paid");
  }

  @Test
  void the_students_credit_is_spent_by_the_next_invoice_and_the_ledger_still_agrees() {
    long first = db.invoice("S1", 1_250_000, SEPT, null);
    db.credit(1_300_000, ref(first), "TRAN THI BINH");
    db.reconcile();
    assertThat(await(StudentCredits.balance(db.pool, "S1"))).isEqualTo(50_000);

    // What invoicing does at issue when the student has credit: a credit_used application and its entry.
    long next = db.invoice("S1", 1_250_000, SEPT.plusMonths(1), null);
    db.sql("""
        INSERT INTO payment.application (invoice_id, student_id, amount, kind, applied_by) VALUES ($1, 'S1', 50000, 'credit_used', 'auto')""",
        next);
    db.sql("UPDATE payment.invoice SET amount_paid = 50000, status = 'partially_paid' WHERE id = $1", next);
    await(db.pool.withTransaction(tx -> db.ledger.post(tx, new JournalEntry(PaymentsDb.SCHOOL, "credit_used", next, null,
        null, null, null, List.of(JournalLine.debit(Accounts.studentCredit("S1"), 50_000),
            JournalLine.credit(Accounts.receivable(next), 50_000))))));
    assertThat(await(StudentCredits.balance(db.pool, "S1"))).isZero();

    db.credit(1_200_000, "hoc phi thang 10 " + ref(next), "TRAN THI BINH");
    db.reconcile();
    assertThat(db.status(next)).isEqualTo("paid");
    assertThat(db.check()).isEmpty();
  }
}
