package vn.lienlac.payment.statement;

import java.util.List;

/**
 * The booked transactions of one statement file, and what was left out and why (entries still
 * pending at the bank are not money yet).
 */
public record Statement(StatementFormat format, List<BankTransaction> transactions, List<String> skipped) {

  public enum StatementFormat { CAMT_053, CAMT_054, MT940, CSV }
}
