package vn.lienlac.payment.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * File mode's way to the candidates of {@link SuggestionRanking}: an index of open invoices by
 * (amount, name word), so that a credit looks only at invoices of its amount whose student's name shares
 * the payer's rarest word, and a million invoices cost no scan. Ranking and the "cannot tell families
 * apart" rule are {@link SuggestionRanking}'s, shared with the database engine.
 *
 * <p>There is deliberately no cap on how many candidates are examined: an earlier cap of 5,000 made the
 * answer depend on the size of the file (at a million invoices the rarest word of a common name is
 * shared by tens of thousands and nothing was ever suggested, at a hundred thousand the same credit got
 * suggestions). Whether a suggestion is made now depends only on whether the best candidates can be told
 * apart; the cost is one pass over the rarest word's list per queued credit.
 */
final class Suggestions {

  private final Map<Long, List<OpenInvoice>> byAmount = new HashMap<>();
  private final Map<Long, Map<String, List<OpenInvoice>>> byAmountAndWord = new HashMap<>();
  private final Map<String, List<Set<String>>> nameWords = new HashMap<>();

  Suggestions(List<OpenInvoice> invoices) {
    for (OpenInvoice invoice : invoices) {
      byAmount.computeIfAbsent(invoice.amountDue(), k -> new ArrayList<>()).add(invoice);
      Set<String> words = SuggestionRanking.words(invoice.studentName());
      nameWords.put(invoice.invoiceId(), List.of(words));
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
    Set<String> payerWords = SuggestionRanking.words(t.payerName() + " " + (t.memo() == null ? "" : t.memo()));
    List<OpenInvoice> pool = sameAmount.size() <= SuggestionRanking.MAX ? sameAmount : rarestWordPool(t.amount(), payerWords);
    List<SuggestionRanking.Candidate> candidates = new ArrayList<>();
    for (OpenInvoice i : pool) {
      if (outstanding.getOrDefault(i.invoiceId(), 0L) == t.amount()) {
        candidates.add(new SuggestionRanking.Candidate(i.invoiceId(), nameWords.get(i.invoiceId()), i.dueDate()));
      }
    }
    // Only invoices sharing a word were looked at: tell the ranking how many share the amount at all,
    // so that "one name word in common among many" still counts as a coin toss.
    if (candidates.size() <= SuggestionRanking.MAX && sameAmount.size() > SuggestionRanking.MAX
        && pool != sameAmount) {
      candidates.removeIf(c -> SuggestionRanking.overlap(payerWords, c.names()) < 2);
    }
    return SuggestionRanking.rank(t.payerName(), t.memo(), t.bookedAt(), candidates).stream()
        .map(SuggestionRanking.Ranked::invoiceId).toList();
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
}
