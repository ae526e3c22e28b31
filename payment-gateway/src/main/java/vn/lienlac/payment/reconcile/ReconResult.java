package vn.lienlac.payment.reconcile;

import java.util.List;

/** One line of the result: what happened to a bank transaction and why. */
public record ReconResult(String bankTxnId, Outcome outcome, List<String> invoiceIds, long appliedAmount,
    String reason) {}
