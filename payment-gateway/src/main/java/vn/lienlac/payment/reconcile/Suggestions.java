package vn.lienlac.payment.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.lienlac.messaging.text.AsciiFolding;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * Candidates for a credit without a usable reference, for a person to confirm: open invoices whose
 * outstanding amount equals the credit, ranked by how much of the payer's name matches the student's
 * name (banks print the payer in capitals without diacritics) and then by nearness of the due date.
 * Never applied automatically.
 */
final class Suggestions {

  private static final int MAX = 3;

  private final Map<Long, List<OpenInvoice>> byAmount = new HashMap<>();

  Suggestions(List<OpenInvoice> invoices) {
    for (OpenInvoice invoice : invoices) {
      byAmount.computeIfAbsent(invoice.amountDue(), k -> new ArrayList<>()).add(invoice);
    }
  }

  List<String> best(BankTransaction t, Map<String, Long> outstanding) {
    List<OpenInvoice> sameAmount = byAmount.getOrDefault(t.amount(), List.of()).stream()
        .filter(i -> outstanding.getOrDefault(i.invoiceId(), 0L) == t.amount())
        .toList();
    if (sameAmount.isEmpty()) {
      return List.of();
    }
    Set<String> payerWords = words(t.payerName() + " " + (t.memo() == null ? "" : t.memo()));
    List<OpenInvoice> ranked = sameAmount.stream()
        .sorted(Comparator.<OpenInvoice>comparingInt(i -> -overlap(payerWords, words(i.studentName())))
            .thenComparingLong(i -> Math.abs(i.dueDate().toEpochDay()
                - t.bookedAt().atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate().toEpochDay()))
            .thenComparing(OpenInvoice::invoiceId))
        .toList();
    // With many invoices of the same amount and no name in common, a guess would be noise.
    if (ranked.size() > MAX && overlap(payerWords, words(ranked.get(0).studentName())) < 2) {
      return List.of();
    }
    return ranked.stream().limit(MAX).map(OpenInvoice::invoiceId).toList();
  }

  private static int overlap(Set<String> a, Set<String> b) {
    int n = 0;
    for (String w : b) {
      if (a.contains(w)) {
        n++;
      }
    }
    return n;
  }

  private static Set<String> words(String text) {
    if (text == null) {
      return Set.of();
    }
    return java.util.Arrays.stream(AsciiFolding.fold(text).toUpperCase().split("[^A-Z0-9]+"))
        .filter(w -> w.length() >= 2)
        .collect(Collectors.toSet());
  }
}
