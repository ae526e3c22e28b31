package vn.lienlac.payment.reminder;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.lienlac.messaging.notice.Notice;
import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.payment.qr.PayPage;

/**
 * Reminds guardians of unpaid invoices: once {@code daysBefore} days before the due date (until the due
 * date passes) and once {@code daysAfter} days after it, to every guardian with a standing link and a
 * usable phone, as notice {@code invoice_reminder} (fee, student, amount, due, reference, and {@code payLink}: the
 * public payment page of the invoice, {@link PayPage}, so that the reminder itself carries the QR). Each
 * (invoice, kind, guardian) is recorded in {@code payment.invoice_reminder} and the notice is stored in the
 * notice outbox in that same transaction, so the record and the notice commit together or not at all; the
 * notice also carries the dedup key {@code invoice_reminder:<invoice>:<kind>:<guardian>}. A pass that fails
 * halfway and runs again sends nothing twice and loses nothing. Dates are those of Asia/Ho_Chi_Minh.
 */
public final class InvoiceReminders {

  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  static final String DUE = """
      SELECT i.id, i.reference, i.amount_due - i.amount_paid AS outstanding, i.due_date, i.period_label, k.kind,
             s.full_name, g.id AS guardian_id, g.phone_e164, g.language
        FROM payment.invoice i
        CROSS JOIN LATERAL (VALUES ('before_due', i.due_date - $1::int, i.due_date),
                                   ('after_due', i.due_date + $2::int, 'infinity'::date)) AS k(kind, from_day, to_day)
        JOIN directory.student s ON s.national_id = i.student_id
        JOIN directory.guardian_student gs ON gs.student_id = i.student_id AND gs.removed_at IS NULL
        JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL AND g.phone_e164 IS NOT NULL
       WHERE i.status IN ('open', 'partially_paid') AND i.amount_due > i.amount_paid
         AND $3::date BETWEEN k.from_day AND k.to_day
         AND NOT EXISTS (SELECT 1 FROM payment.invoice_reminder r
                          WHERE r.invoice_id = i.id AND r.kind = k.kind AND r.guardian_id = g.id)
       ORDER BY i.id, k.kind, g.id
       LIMIT $4""";
  static final String RECORD = """
      INSERT INTO payment.invoice_reminder (invoice_id, kind, guardian_id) VALUES ($1, $2, $3)
      ON CONFLICT DO NOTHING RETURNING invoice_id""";
  static final String NOTED = "UPDATE payment.invoice_reminder SET notice_id = $4 WHERE invoice_id = $1 AND kind = $2 AND guardian_id = $3";

  private final Pool pool;
  private final Function<SqlClient, Notices> outbox;
  private final ReminderSettings settings;
  private final Clock clock;
  private final String publicBaseUrl;

  /**
   * @param outbox the notices of a transaction; in production {@link Notices#within}
   * @param publicBaseUrl where guardians reach the public pages ({@code LIENLAC_PUBLIC_BASE_URL}), the base of
   *     each reminder's payment link
   */
  public InvoiceReminders(Pool pool, Function<SqlClient, Notices> outbox, ReminderSettings settings, Clock clock,
      String publicBaseUrl) {
    this.pool = pool;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** Sends every reminder due today, a batch per transaction; completes with how many were handed over. */
  public Future<Integer> runOnce() {
    return pass(0);
  }

  private Future<Integer> pass(int sofar) {
    LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
    return pool.withTransaction(tx -> tx.preparedQuery(DUE)
            .execute(Tuple.of(settings.daysBefore(), settings.daysAfter(), today, settings.batch()))
            .compose(rows -> {
              List<Row> due = new ArrayList<>();
              rows.forEach(due::add);
              return sendAll(tx, due, 0, 0).map(sent -> new int[] {due.size(), sent});
            }))
        .compose(r -> r[0] < settings.batch() ? Future.succeededFuture(sofar + r[1]) : pass(sofar + r[1]));
  }

  private Future<Integer> sendAll(SqlConnection tx, List<Row> due, int i, int sent) {
    if (i == due.size()) {
      return Future.succeededFuture(sent);
    }
    Row r = due.get(i);
    long invoice = r.getLong("id");
    String kind = r.getString("kind");
    long guardian = r.getLong("guardian_id");
    return tx.preparedQuery(RECORD).execute(Tuple.of(invoice, kind, guardian)).compose(recorded -> {
      if (recorded.size() == 0) {
        return sendAll(tx, due, i + 1, sent);
      }
      Notice notice = new Notice(r.getString("phone_e164"), guardian, "invoice_reminder", Map.of(
          "fee", r.getString("period_label"), "student", r.getString("full_name"),
          "amount", Money.dong(r.getLong("outstanding")), "due", r.getLocalDate("due_date").format(DAY),
          "reference", r.getString("reference"), "payLink", PayPage.link(publicBaseUrl, r.getString("reference"))),
          r.getString("language"),
          "invoice_reminder:" + invoice + ":" + kind + ":" + guardian);
      return outbox.apply(tx).send(notice)
          .compose(id -> tx.preparedQuery(NOTED).execute(Tuple.of(invoice, kind, guardian, id)))
          .compose(v -> sendAll(tx, due, i + 1, sent + 1));
    });
  }
}
