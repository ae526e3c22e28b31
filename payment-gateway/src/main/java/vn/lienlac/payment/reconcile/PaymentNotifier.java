package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.messaging.notice.Notice;
import vn.lienlac.messaging.notice.Notices;

/**
 * After a payment commits: tells each guardian of the invoice's student (template
 * {@code payment_received}, "Đã nhận 1.250.000 đ …") and publishes {@code invoice.updated}. The dedup
 * key is per application and guardian, so telling again after a retry sends nothing twice.
 */
public final class PaymentNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentNotifier.class);

  private static final String GUARDIANS = """
      SELECT g.id, g.phone_e164, g.language, i.period_label, r.series, r.number
      FROM payment.invoice i
      JOIN directory.guardian_student gs ON gs.student_id = i.student_id AND gs.removed_at IS NULL
      JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL AND g.phone_e164 IS NOT NULL
      LEFT JOIN payment.receipt r ON r.id = $2
      WHERE i.id = $1 ORDER BY g.id""";

  private final Pool pool;
  private final Notices notices;
  private final PaymentEvents events;

  public PaymentNotifier(Pool pool, Notices notices, PaymentEvents events) {
    this.pool = pool;
    this.notices = notices;
    this.events = events;
  }

  /** Notifies for every payment that reached an invoice; completes when the notices are stored. */
  public Future<Void> paymentsApplied(List<AppliedPayment> applied) {
    List<Future<?>> all = new ArrayList<>();
    for (AppliedPayment p : applied) {
      if (p.invoiceId() == null) {
        continue;
      }
      events.invoiceUpdated(p.invoiceId(), p.studentId(), p.schoolCode());
      all.add(pool.preparedQuery(GUARDIANS).execute(Tuple.of(p.invoiceId(), p.receiptId())).compose(rows -> {
        List<Future<?>> sent = new ArrayList<>();
        for (Row g : rows) {
          String receipt = g.getString(4) == null ? "" : receiptNumber(g.getString(4), g.getInteger(5));
          sent.add(notices.send(new Notice(g.getString(1), g.getLong(0), "payment_received",
              Map.of("amount", formatDong(p.amount()), "period", g.getString(3), "receipt", receipt),
              g.getString(2), "payment_received:" + p.applicationId() + ":" + g.getLong(0))));
        }
        return Future.all(sent);
      }).onFailure(e -> LOG.warn("payment notice for application {} not stored: {}", p.applicationId(), e.getMessage())));
    }
    return Future.join(all).mapEmpty();
  }

  /** {@code 1250000} → {@code 1.250.000 đ}: Vietnamese digit grouping with dots. */
  public static String formatDong(long amount) {
    String digits = Long.toString(Math.abs(amount));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        out.append('.');
      }
      out.append(digits.charAt(i));
    }
    return (amount < 0 ? "-" : "") + out + " đ";
  }

  /** {@code BL/2026} and 17 → {@code BL/2026/000017}. */
  public static String receiptNumber(String series, int number) {
    return series + "/" + String.format("%06d", number);
  }
}
