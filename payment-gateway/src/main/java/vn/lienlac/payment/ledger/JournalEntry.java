package vn.lienlac.payment.ledger;

import java.util.List;
import java.util.Objects;

/**
 * A money movement: lines that sum to zero. Built entries are always balanced; the database checks it
 * again at commit.
 *
 * @param kind what happened, e.g. {@code invoice_issued}, {@code payment_applied}, {@code credit_note}
 * @param invoiceId, bankTransactionId, applicationId what it is about (null when not applicable)
 * @param reversesEntryId the entry this one undoes, or null
 */
public record JournalEntry(String schoolCode, String kind, Long invoiceId, Long bankTransactionId, Long applicationId,
                           Long reversesEntryId, String description, List<JournalLine> lines) {

  public JournalEntry {
    Objects.requireNonNull(schoolCode, "schoolCode");
    Objects.requireNonNull(kind, "kind");
    lines = List.copyOf(lines);
    if (lines.size() < 2) {
      throw new IllegalArgumentException("a journal entry needs at least two lines: " + kind);
    }
    long sum = 0;
    for (JournalLine line : lines) {
      sum = Math.addExact(sum, line.amount());
    }
    if (sum != 0) {
      throw new IllegalArgumentException("journal entry " + kind + " does not balance: lines sum to " + sum + " đ");
    }
  }

  /** The entry that undoes this one: the same lines with opposite signs. */
  public JournalEntry reversal(long thisEntryId, String why) {
    return new JournalEntry(schoolCode, kind + "_reversed", invoiceId, bankTransactionId, applicationId, thisEntryId,
        why, lines.stream().map(l -> new JournalLine(l.account(), -l.amount())).toList());
  }
}
