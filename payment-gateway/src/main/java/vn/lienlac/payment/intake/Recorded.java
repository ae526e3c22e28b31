package vn.lienlac.payment.intake;

import java.util.Set;

/**
 * What {@link BankTransactions#record} did with one transaction.
 *
 * @param id the row of {@code payment.bank_transaction}
 * @param isNew this call stored it; false means it was already there (a replay, or another source first)
 * @param seenBefore the sources that had reported it before this call (empty when new)
 * @param schoolCode the school whose collection account received it; null when the account is unknown (flagged)
 */
public record Recorded(long id, boolean isNew, Set<String> seenBefore, String schoolCode) {

  /** No push notification had told us about it before: a statement or pull found a missed webhook. */
  public boolean missedByNotifications() {
    return !Source.anyNotification(seenBefore);
  }
}
