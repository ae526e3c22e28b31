package vn.lienlac.payment;

/** Where payments live in our database (invoices, bank transactions, applications, ledger, receipts); migrations in {@code db/payment}. */
public final class PaymentSchema {
  public static final String NAME = "payment";
  public static final String MIGRATIONS = "db/payment";

  private PaymentSchema() {}
}
