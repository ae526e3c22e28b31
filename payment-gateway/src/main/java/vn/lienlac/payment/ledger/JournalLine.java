package vn.lienlac.payment.ledger;

import java.util.Objects;

/**
 * One line of a journal entry.
 *
 * @param account an account of {@link Accounts}
 * @param amount whole đồng; positive debits, negative credits; never zero
 */
public record JournalLine(String account, long amount) {

  public JournalLine {
    Objects.requireNonNull(account, "account");
    if (amount == 0) {
      throw new IllegalArgumentException("a journal line of 0 đ says nothing: " + account);
    }
  }

  public static JournalLine debit(String account, long amount) {
    return new JournalLine(account, positive(amount));
  }

  public static JournalLine credit(String account, long amount) {
    return new JournalLine(account, -positive(amount));
  }

  private static long positive(long amount) {
    if (amount <= 0) {
      throw new IllegalArgumentException("debit and credit amounts are positive đồng, got " + amount);
    }
    return amount;
  }
}
