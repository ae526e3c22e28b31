package vn.lienlac.payment.reconcile;

/** What reconciliation did with one bank transaction (the {@code outcome} column of PAYMENTS.md). */
public enum Outcome {
  /** Paid the invoice (or the household's invoices) exactly. */
  MATCHED,
  /** Less than was due: applied, the rest still open. */
  PARTIAL,
  /** More than was due: the invoice is paid and the excess kept as the student's credit. */
  OVERPAID,
  /** The same bank transaction seen before: nothing applied twice. */
  DUPLICATE,
  /** A debit that undoes an earlier credit: its application is undone. */
  REVERSAL,
  /** Not applied: a person must confirm; {@code invoiceIds} holds the best candidates. */
  SUGGESTED,
  /** Not applied and nothing to suggest. */
  UNMATCHED,
  /** Not a fee payment (debits that reverse nothing). */
  IGNORED;

  public String code() {
    return name().toLowerCase();
  }
}
