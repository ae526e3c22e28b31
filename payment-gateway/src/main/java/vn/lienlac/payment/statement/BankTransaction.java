package vn.lienlac.payment.statement;

import java.time.Instant;
import java.util.Objects;

/**
 * One movement on a school's collection account, as a bank statement, notification or CSV reports it.
 * Money is whole đồng. {@code bankTxnId} is unique per {@code accountNumber}: the same transfer seen by
 * a webhook and in the end-of-day statement has the same pair and counts once.
 *
 * @param reversal the bank undoes an earlier movement (a debit reversing a credit, or the opposite)
 */
public record BankTransaction(
    String accountNumber,
    String bankTxnId,
    Instant bookedAt,
    long amount,
    Direction direction,
    boolean reversal,
    String memo,
    String payerName,
    String payerAccount) {

  public enum Direction { CREDIT, DEBIT }

  public BankTransaction {
    Objects.requireNonNull(accountNumber, "accountNumber");
    Objects.requireNonNull(bankTxnId, "bankTxnId");
    Objects.requireNonNull(bookedAt, "bookedAt");
    Objects.requireNonNull(direction, "direction");
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be positive đồng, got " + amount);
    }
  }
}
