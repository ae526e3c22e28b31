package vn.lienlac.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.payment.reconcile.PaymentsDb.await;
import static vn.lienlac.payment.reconcile.PaymentsDb.ref;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.intake.Source;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * The "payment received" notice is written to the notice outbox in the transaction that applies the payment:
 * one row per application and guardian, however often the bank reports the credit, none when the
 * application rolls back, and none more when the accountant undoes the application.
 */
class PaymentNoticeOutboxTest {

  private static final LocalDate SEPT = LocalDate.parse("2026-09-15");
  private PaymentsDb db;

  @BeforeEach
  void start() {
    db = new PaymentsDb("payment_notice_outbox");
    db.student("S1", "Nguyễn Văn An", "6A1", 1, "Trần Thị Bình", "+84901234561");
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
  }

  @Test
  void an_applied_credit_stores_one_notice_and_a_replayed_webhook_stores_none_more() {
    long invoice = db.invoice("S1", 1_250_000, SEPT, null);
    BankTransactions intake = BankTransactions.create(db.pool);
    BankTransaction credit = new BankTransaction(PaymentsDb.ACCOUNT, "FT24255000000777", Instant.parse("2026-09-10T03:00:00Z"),
        1_250_000, BankTransaction.Direction.CREDIT, false, "MBVCB.6998628625." + ref(invoice), "TRAN THI BINH", null);
    long id = await(intake.record(Source.SEPAY, credit, new JsonObject())).id();
    db.reconcile();
    assertThat(db.state(id)).isEqualTo("applied");
    assertThat(db.notices()).singleElement().satisfies(n -> {
      assertThat(n.getString("amount")).isEqualTo("1.250.000");
      assertThat(n.getString("receipt")).matches("BL/\\d{4}/000001");
      assertThat(n.getString("dedup_key")).startsWith("payment_received:");
    });

    assertThat(await(intake.record(Source.SEPAY, credit, new JsonObject())).isNew()).isFalse();
    assertThat(await(intake.record(Source.STATEMENT, credit, new JsonObject())).isNew()).isFalse();
    db.reconcile();
    assertThat(db.notices()).hasSize(1);
  }

  @Test
  void a_credit_whose_transaction_fails_after_its_notice_was_stored_leaves_no_notice_and_the_retry_stores_one() {
    long invoice = db.invoice("S1", 1_250_000, SEPT, null);
    long credit = db.credit(1_250_000, ref(invoice), "TRAN THI BINH");
    AtomicInteger failures = new AtomicInteger(2);
    // The outbox stores the notice, then the credit's transaction fails (as a crash before the commit would),
    // in the batch's first attempt and in its attempt with savepoints.
    ReconWorker failing = new ReconWorker(db.pool, db.connectOptions(), db.applier, new PaymentNotifier(
        tx -> notice -> Notices.within(tx).send(notice).compose(stored -> failures.getAndDecrement() > 0
            ? Future.failedFuture(new IllegalStateException("crash after the notice was stored")) : Future.succeededFuture(stored)),
        PaymentEvents.none()), 10, Duration.ofHours(1));

    await(failing.runOnce());
    assertThat(db.state(credit)).isEqualTo("new");
    assertThat(db.status(invoice)).isEqualTo("open");
    assertThat(db.notices()).isEmpty();

    await(failing.runOnce());
    assertThat(db.state(credit)).isEqualTo("applied");
    assertThat(db.notices()).hasSize(1);
    assertThat(db.check()).isEmpty();
  }

  @Test
  void undoing_an_application_stores_no_second_notice() {
    long invoice = db.invoice("S1", 1_250_000, SEPT, null);
    long credit = db.credit(1_250_000, ref(invoice), "TRAN THI BINH");
    db.reconcile();
    assertThat(db.notices()).hasSize(1);

    PaymentNotifier notifier = new PaymentNotifier(Notices::within, PaymentEvents.none());
    await(db.pool.withTransaction(tx -> db.accountant.undo(tx, PaymentsDb.SCHOOL, credit, "s:7", "wrong family")
        .compose(changed -> notifier.store(tx, changed.applied()))));
    db.reconcile();

    assertThat(db.status(invoice)).isEqualTo("open");
    assertThat(db.notices()).hasSize(1);
    assertThat(db.check()).isEmpty();
  }
}
