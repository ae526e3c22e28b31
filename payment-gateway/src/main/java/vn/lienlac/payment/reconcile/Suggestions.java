package vn.lienlac.payment.reconcile;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
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
 * outstanding amount equals the credit, ranked by how many words of the student's name appear in the
 * payer's name or memo (banks print them in capitals without diacritics), then by nearness of the due
 * date. Never applied automatically. Looked up through an index of (amount, name word), starting from
 * the rarest word, so a million invoices cost no scan; when even that word is too common to tell
 * families apart, nothing is suggested rather than a guess.
 */
final class Suggestions {

  private static final int MAX = 3;
  private static final int MAX_EXAMINED = 5_000;
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private final Map<Long, List<OpenInvoice>> byAmount = new HashMap<>();
  private final Map<Long, Map<String, List<OpenInvoice>>> byAmountAndWord = new HashMap<>();
  private final Map<String, String[]> nameWords = new HashMap<>();

  Suggestions(List<OpenInvoice> invoices) {
    for (OpenInvoice invoice : invoices) {
      byAmount.computeIfAbsent(invoice.amountDue(), k -> new ArrayList<>()).add(invoice);
      String[] words = words(invoice.studentName()).toArray(String[]::new);
      nameWords.put(invoice.invoiceId(), words);
      Map<String, List<OpenInvoice>> byWord = byAmountAndWord.computeIfAbsent(invoice.amountDue(), k -> new HashMap<>());
      for (String w : words) {
        byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(invoice);
      }
    }
  }

  List<String> best(BankTransaction t, Map<String, Long> outstanding) {
    List<OpenInvoice> sameAmount = byAmount.getOrDefault(t.amount(), List.of());
    if (sameAmount.isEmpty()) {
      return List.of();
    }
    Set<String> payerWords = words(t.payerName() + " " + (t.memo() == null ? "" : t.memo()));
    List<OpenInvoice> pool = sameAmount.size() <= MAX ? sameAmount : rarestWordPool(t.amount(), payerWords);
    if (pool.size() > MAX_EXAMINED) {
      return List.of();
    }
    long bookedDay = t.bookedAt().atZone(VIETNAM).toLocalDate().toEpochDay();
    List<OpenInvoice> open = pool.stream()
        .filter(i -> outstanding.getOrDefault(i.invoiceId(), 0L) == t.amount())
        .sorted(Comparator.<OpenInvoice>comparingInt(i -> -overlap(payerWords, nameWords.get(i.invoiceId())))
            .thenComparingLong(i -> Math.abs(i.dueDate().toEpochDay() - bookedDay))
            .thenComparing(OpenInvoice::invoiceId))
        .toList();
    if (open.isEmpty()) {
      return List.of();
    }
    if (open.size() > MAX && overlap(payerWords, nameWords.get(open.get(0).invoiceId())) < 2) {
      return List.of(); // many invoices of this amount and no name in common: a guess would be noise
    }
    return open.stream().limit(MAX).map(OpenInvoice::invoiceId).toList();
  }

  private List<OpenInvoice> rarestWordPool(long amount, Set<String> payerWords) {
    Map<String, List<OpenInvoice>> byWord = byAmountAndWord.getOrDefault(amount, Map.of());
    List<OpenInvoice> rarest = List.of();
    for (String w : payerWords) {
      List<OpenInvoice> list = byWord.get(w);
      if (list != null && (rarest.isEmpty() || list.size() < rarest.size())) {
        rarest = list;
      }
    }
    return rarest;
  }

  private static int overlap(Set<String> payer, String[] name) {
    int n = 0;
    for (String w : name) {
      if (payer.contains(w)) {
        n++;
      }
    }
    return n;
  }

  private static Set<String> words(String text) {
    if (text == null) {
      return Set.of();
    }
    return Arrays.stream(AsciiFolding.fold(text).toUpperCase().split("[^A-Z0-9]+"))
        .filter(w -> w.length() >= 2)
        .collect(Collectors.toSet());
  }
}
