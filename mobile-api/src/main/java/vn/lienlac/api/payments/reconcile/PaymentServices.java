package vn.lienlac.api.payments.reconcile;

import io.vertx.sqlclient.Pool;
import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.receipt.Receipts;
import vn.lienlac.payment.reconcile.AccountantDecisions;
import vn.lienlac.payment.reconcile.Decisions;
import vn.lienlac.payment.reconcile.ExceptionQueue;
import vn.lienlac.payment.reconcile.PaymentEvents;
import vn.lienlac.payment.reconcile.PaymentNotifier;

/** The reconciliation services the API uses, built once from the pool and the notice port. */
public record PaymentServices(AccountantDecisions decisions, PaymentNotifier notifier) {

  public static PaymentServices create(Pool pool, Notices notices, PaymentEvents events) {
    Ledger ledger = Ledger.create();
    ExceptionQueue queue = new ExceptionQueue();
    return new PaymentServices(new AccountantDecisions(ledger, new Decisions(ledger, new Receipts()), queue),
        new PaymentNotifier(pool, notices, events));
  }
}
