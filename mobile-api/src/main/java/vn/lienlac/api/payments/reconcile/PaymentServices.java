package vn.lienlac.api.payments.reconcile;

import vn.lienlac.messaging.notice.Notices;
import vn.lienlac.payment.ledger.Ledger;
import vn.lienlac.payment.receipt.Receipts;
import vn.lienlac.payment.reconcile.AccountantDecisions;
import vn.lienlac.payment.reconcile.Decisions;
import vn.lienlac.payment.reconcile.ExceptionQueue;
import vn.lienlac.payment.reconcile.PaymentEvents;
import vn.lienlac.payment.reconcile.PaymentNotifier;

/**
 * The reconciliation services the API uses, built once. Payment notices go to the notice outbox of the
 * deciding transaction ({@link Notices#within}), not through the API's notice port, so they commit with it.
 */
public record PaymentServices(AccountantDecisions decisions, PaymentNotifier notifier) {

  public static PaymentServices create(PaymentEvents events) {
    Ledger ledger = Ledger.create();
    ExceptionQueue queue = new ExceptionQueue();
    return new PaymentServices(new AccountantDecisions(ledger, new Decisions(ledger, new Receipts()), queue),
        new PaymentNotifier(Notices::within, events));
  }
}
