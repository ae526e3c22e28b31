package vn.lienlac.api.testing;

import io.vertx.sqlclient.Pool;
import java.time.Duration;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.receipt.Receipts;
import vn.lienlac.payment.reconcile.CreditApplier;
import vn.lienlac.payment.reconcile.Decisions;
import vn.lienlac.payment.reconcile.ExceptionQueue;
import vn.lienlac.payment.reconcile.PaymentEvents;
import vn.lienlac.payment.reconcile.PaymentNotifier;
import vn.lienlac.payment.reconcile.ReconWorker;
import vn.lienlac.payment.reference.PaymentReference;

/**
 * Payments on top of {@link TestDistrict}: collection accounts of S1 and S2, invoices 501 (ST1, S1),
 * 502 (ST2, S1), 503 (ST3, S2) and 504 (departed ST4, S1), credits reconciled by the real worker:
 * invoice 501 paid (receipt 1), 504 paid (receipt 2), and credits waiting in each school's queue
 * ({@link #S1_QUEUED} suggested for 502, {@link #S2_QUEUED}).
 */
public final class TestPayments {

  public static final long S1_QUEUED = 9003, S2_QUEUED = 9004, S1_UNMATCHED = 9005;

  private TestPayments() {}

  public static void create(ApiTestServer api) {
    api.sql("""
        INSERT INTO payment.collection_account (account_number, school_code) VALUES ('ACCS1', 'S1'), ('ACCS2', 'S2')""",
        invoice(501, "S1", "ST1", 1_250_000), invoice(502, "S1", "ST2", 980_000), invoice(503, "S2", "ST3", 700_000),
        invoice(504, "S1", "ST4", 350_000),
        credit(9001, "ACCS1", 1_250_000, "MBVCB.6998628625." + ref(501).toLowerCase(), "NGUYEN VAN PHU"),
        credit(9002, "ACCS1", 350_000, "FT24255276428461 " + ref(504), "DO VAN TU"),
        credit(S1_QUEUED, "ACCS1", 980_000, "tien an cho chau Binh", "TRAN THI ME"),
        credit(S2_QUEUED, "ACCS2", 700_000, "hoc phi", "HOANG VAN BA"),
        credit(S1_UNMATCHED, "ACCS1", 2_000_000, "ung ho quy", "AI DO"));
    reconcile(api.pool);
  }

  /** Runs the reconciliation worker's batches until nothing new is left. */
  public static void reconcile(Pool pool) {
    Ledger ledger = Ledger.create();
    Decisions decisions = new Decisions(ledger, new Receipts());
    ReconWorker worker = new ReconWorker(pool, null, new CreditApplier(ledger, decisions, new ExceptionQueue()),
        new PaymentNotifier(vn.lienlac.messaging.notice.Notices::within, PaymentEvents.none()), 50,
        Duration.ofMinutes(1));
    while (ApiTestServer.await(worker.runOnce())) {
      // next batch
    }
  }

  public static String ref(long invoice) {
    return PaymentReference.of(PaymentReference.Kind.INVOICE, invoice).text();
  }

  private static String invoice(long id, String school, String student, long amount) {
    return "INSERT INTO payment.invoice (id, school_code, student_id, period_label, reference, amount_due, due_date)"
        + " VALUES (" + id + ", '" + school + "', '" + student + "', 'Tháng 9/2026', '" + ref(id) + "', " + amount
        + ", '2026-09-15');"
        + " INSERT INTO payment.journal_entry (id, school_code, kind, invoice_id) VALUES (" + id + ", '" + school
        + "', 'invoice_issued', " + id + ");"
        + " INSERT INTO payment.journal_line VALUES (" + id + ", 1, 'receivable:" + id + "', " + amount + "), (" + id
        + ", 2, 'fee_income:" + school + "', " + -amount + ")";
  }

  private static String credit(long id, String account, long amount, String memo, String payer) {
    return "INSERT INTO payment.bank_transaction (id, account_number, bank_txn_id, source, direction, amount, memo,"
        + " payer_name, booked_at) VALUES (" + id + ", '" + account + "', 'FT" + id + "', 'sandbox', 'C', " + amount
        + ", '" + memo + "', '" + payer + "', '2026-09-10T03:00:00Z')";
  }
}
