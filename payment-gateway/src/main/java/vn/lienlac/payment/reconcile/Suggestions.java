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

  private final Map<Long, List<SuggestionRanking.Candidate>> byAmount = new HashMap<>();
  private final Map<Long, Map<String, List<SuggestionRanking.Candidate>>> byAmountAndWord = new HashMap<>();
  private int longestName;

  Suggestions(List<OpenInvoice> invoices) {
    for (OpenInvoice invoice : invoices) {
      String[] words = SuggestionRanking.nameWords(invoice.studentName());
      longestName = Math.max(longestName, words.length);
      SuggestionRanking.Candidate c = new SuggestionRanking.Candidate(invoice.invoiceId(), List.<String[]>of(words),
          invoice.dueDate());
      byAmount.computeIfAbsent(invoice.amountDue(), k -> new ArrayList<>()).add(c);
      Map<String, List<SuggestionRanking.Candidate>> byWord = byAmountAndWord.computeIfAbsent(invoice.amountDue(), k -> new HashMap<>());
      for (String w : words) {
        byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(c);
      }
    }
  }

  List<String> best(BankTransaction t, Map<String, Long> outstanding) {
    List<SuggestionRanking.Candidate> sameAmount = byAmount.getOrDefault(t.amount(), List.of());
    if (sameAmount.isEmpty()) {
      return List.of();
    }
    Set<String> payerWords = SuggestionRanking.words(t.payerName() + " " + (t.memo() == null ? "" : t.memo()));
    boolean all = sameAmount.size() <= SuggestionRanking.MAX;
    List<SuggestionRanking.Candidate> pool = all ? sameAmount : rarestWordPool(t.amount(), payerWords);
    Long amount = t.amount();
    java.util.function.Predicate<SuggestionRanking.Candidate> open = c -> amount.equals(outstanding.get(c.invoiceId()));
    List<SuggestionRanking.Ranked> ranked = SuggestionRanking.rank(payerWords, t.bookedAt(), pool, open,
        Math.min(longestName, payerWords.size()));
    // Only invoices sharing a word were looked at: "one name word in common" among many invoices of the
    // amount is still a coin toss, however few shared that word.
    if (!all && ranked.size() <= SuggestionRanking.MAX) {
      ranked = ranked.stream().filter(r -> r.nameWords() >= 2).toList();
    }
    return ranked.stream().map(SuggestionRanking.Ranked::invoiceId).toList();
  }

  private List<SuggestionRanking.Candidate> rarestWordPool(long amount, Set<String> payerWords) {
    Map<String, List<SuggestionRanking.Candidate>> byWord = byAmountAndWord.getOrDefault(amount, Map.of());
    List<SuggestionRanking.Candidate> rarest = List.of();
    for (String w : payerWords) {
      List<SuggestionRanking.Candidate> list = byWord.get(w);
      if (list != null && (rarest.isEmpty() || list.size() < rarest.size())) {
        rarest = list;
      }
    }
    return rarest;
  }
}
