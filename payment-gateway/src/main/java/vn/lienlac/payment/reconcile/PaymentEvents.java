package vn.lienlac.payment.reconcile;

/**
 * Told after commit when money reached or left an invoice, so open apps refresh it (the realtime
 * {@code invoice.updated} event); the launcher wires it to the realtime fan-out.
 */
@FunctionalInterface
public interface PaymentEvents {

  void invoiceUpdated(long invoiceId, String studentId, String schoolCode);

  static PaymentEvents none() {
    return (invoice, student, school) -> {};
  }
}
