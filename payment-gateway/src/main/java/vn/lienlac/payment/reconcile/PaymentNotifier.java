package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.messaging.notice.Notice;
import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.payment.reminder.Money;

/**
 * Tells each guardian of the invoice's student that a payment was received (template
 * {@code payment_received}: school, amount, student, reference, time; "… đã nhận 1.250.000 đ …"). The
 * notice is stored in the notice outbox with the transaction that applies the payment ({@link #store}),
 * so it exists exactly when the payment does: a
 * crash after the commit loses nothing (the notification workers deliver what is committed) and a
 * rolled-back application leaves no notice. The dedup key is per application and guardian: storing again
 * stores nothing, and undoing an application stores no notice at all. {@code invoice.updated} is published
 * after the commit ({@link #published}): a realtime hint, never ahead of the data it points at.
 */
public final class PaymentNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentNotifier.class);

  /** The guardians to tell and the template's values: school, student, reference, time of the transfer. */
  private static final String GUARDIANS = """
      SELECT g.id, g.phone_e164, g.language, i.period_label, r.series, r.number,
             coalesce(sc.name, i.school_code) AS school, coalesce(s.full_name, i.student_id) AS student, i.reference,
             to_char(coalesce(t.booked_at, a.applied_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI DD/MM/YYYY') AS time
      FROM payment.invoice i
      JOIN directory.guardian_student gs ON gs.student_id = i.student_id AND gs.removed_at IS NULL
      JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL AND g.phone_e164 IS NOT NULL
      LEFT JOIN directory.school sc ON sc.code = i.school_code
      LEFT JOIN directory.student s ON s.national_id = i.student_id
      LEFT JOIN payment.application a ON a.id = $3
      LEFT JOIN payment.bank_transaction t ON t.id = a.bank_transaction_id
      LEFT JOIN payment.receipt r ON r.id = $2
      WHERE i.id = $1 ORDER BY g.id""";

  private final Function<SqlClient, Notices> outbox;
  private final PaymentEvents events;

  /** {@code outbox} gives the notices of a transaction; in production {@link Notices#within}. */
  public PaymentNotifier(Function<SqlClient, Notices> outbox, PaymentEvents events) {
    this.outbox = outbox;
    this.events = events;
  }

  /**
   * Stores the notices of every payment that reached an invoice, in the caller's transaction. A notice the
   * notice API refuses (a phone that is not E.164) is logged and skipped: it must not stop the payment.
   */
  public Future<Void> store(SqlClient tx, List<AppliedPayment> applied) {
    Notices notices = outbox.apply(tx);
    Future<Void> chain = Future.succeededFuture();
    for (AppliedPayment p : applied) {
      if (p.invoiceId() != null) {
        chain = chain.compose(v -> tx.preparedQuery(GUARDIANS)
            .execute(Tuple.of(p.invoiceId(), p.receiptId(), p.applicationId())))
            .compose(rows -> storeEach(notices, p, rows));
      }
    }
    return chain;
  }

  private static Future<Void> storeEach(Notices notices, AppliedPayment p, Iterable<Row> guardians) {
    List<Notice> each = new ArrayList<>();
    for (Row g : guardians) {
      String receipt = g.getString(4) == null ? "" : receiptNumber(g.getString(4), g.getInteger(5));
      each.add(new Notice(g.getString(1), g.getLong(0), "payment_received", Map.of(
          "school", g.getString("school"), "amount", Money.dong(p.amount()), "student", g.getString("student"),
          "reference", g.getString("reference"), "time", g.getString("time"), "period", g.getString(3),
          "receipt", receipt), g.getString(2), "payment_received:" + p.applicationId() + ":" + g.getLong(0)));
    }
    Future<Void> chain = Future.succeededFuture();
    for (Notice n : each) {
      chain = chain.compose(v -> notices.send(n).<Void>mapEmpty().recover(e -> {
        if (e instanceof IllegalArgumentException) {
          LOG.warn("payment notice for application {} not stored: {}", p.applicationId(), e.getMessage());
          return Future.succeededFuture();
        }
        return Future.failedFuture(e);
      }));
    }
    return chain;
  }

  /** After the commit: {@code invoice.updated} for every invoice a payment reached. */
  public void published(List<AppliedPayment> applied) {
    for (AppliedPayment p : applied) {
      if (p.invoiceId() != null) {
        events.invoiceUpdated(p.invoiceId(), p.studentId(), p.schoolCode());
      }
    }
  }

  /** {@code 1250000} → {@code 1.250.000 đ}: Vietnamese digit grouping with dots. */
  public static String formatDong(long amount) {
    return Money.dong(amount) + " đ";
  }

  /** {@code BL/2026} and 17 → {@code BL/2026/000017}. */
  public static String receiptNumber(String series, int number) {
    return series + "/" + String.format("%06d", number);
  }
}
