package vn.lienlac.infra.runtime;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.infra.support.db.PgUrl;
import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.receipt.Receipts;
import vn.lienlac.payment.reconcile.CreditApplier;
import vn.lienlac.payment.reconcile.Decisions;
import vn.lienlac.payment.reconcile.ExceptionQueue;
import vn.lienlac.payment.reconcile.PaymentEvents;
import vn.lienlac.payment.reconcile.PaymentNotifier;
import vn.lienlac.payment.reconcile.ReconWorker;
import vn.lienlac.payment.reminder.InvoiceReminders;
import vn.lienlac.payment.reminder.ReminderSettings;
import vn.lienlac.payment.reminder.ReminderVerticle;

/** The payment verticles of the workers role, assembled from configuration. */
final class PaymentWorkers {

  /** Invoices reminded about per pass and transaction. */
  private static final int REMINDER_BATCH = 200;

  private PaymentWorkers() {}

  /**
 * The reconciliation worker: LISTEN payment_recon on its own connection, batches on the shared pool; payment
 * notices are stored in the notice outbox of each batch's transaction.
 */
  static ReconWorker reconciliation(Pool pool, PgUrl url, LienlacConfig config, PaymentEvents events) {
    Ledger ledger = Ledger.create();
    Decisions decisions = new Decisions(ledger, new Receipts());
    PgConnectOptions listen = PgConnectOptions.fromUri(url.uri());
    listen.addProperty("application_name", "lienlac-recon-listen");
    return new ReconWorker(pool, listen, new CreditApplier(ledger, decisions, new ExceptionQueue()),
        new PaymentNotifier(Notices::within, events), config.integer(Setting.RECON_BATCH_SIZE),
        config.duration(Setting.RECON_POLL_INTERVAL));
  }

  /**
   * Reminders of unpaid invoices before and after their due date, stored in the notice outbox; each links to
   * the invoice's public payment page under the public base URL.
   */
  static ReminderVerticle reminders(Pool pool, LienlacConfig config) {
    ReminderSettings settings = new ReminderSettings(config.integer(Setting.INVOICE_REMINDER_DAYS_BEFORE),
        config.integer(Setting.INVOICE_REMINDER_DAYS_AFTER), config.duration(Setting.INVOICE_REMINDER_INTERVAL),
        REMINDER_BATCH);
    return new ReminderVerticle(new InvoiceReminders(pool, Notices::within, settings, Clock.systemUTC(),
        config.string(Setting.PUBLIC_BASE_URL)), settings);
  }
}
