package vn.lienlac.payment.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.lienlac.messaging.text.AsciiFolding;

/**
 * Ranks open invoices whose outstanding amount equals a credit's, for a person to confirm (never applied
 * automatically): first by how many words of a student's or guardian's name appear in the payer's name
 * or memo (banks print them in capitals without diacritics), then by nearness of the due date to the
 * booking day. Shared by file mode ({@link Suggestions}, which finds the candidates through an index) and
 * the database engine (which finds them by SQL in the school of the receiving account).
 *
 * <p>A suggestion must tell families apart: when more than {@value #MAX} candidates share the best name
 * score, or the best score is under two words while more than {@value #MAX} candidates have the amount,
 * nothing is suggested: a coin toss shown as a suggestion is noise the accountant would have to undo.
 */
public final class SuggestionRanking {

  public static final int MAX = 3;
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  /** An invoice with the amount; {@code names} are the words of its student's and guardians' names. */
  public record Candidate(String invoiceId, List<String[]> names, LocalDate dueDate) {}

  private static final Pattern NOT_WORD = Pattern.compile("[^A-Z0-9]+");

  /** A ranked suggestion: how many name words matched and how many days from the due date. */
  public record Ranked(String invoiceId, int nameWords, long daysFromDue) {
    public String why() {
      return "same amount" + (nameWords > 0 ? "; " + nameWords + " name words in common" : "")
          + "; " + daysFromDue + " days from the due date";
    }
  }

  private SuggestionRanking() {}

  public static List<Ranked> rank(String payerName, String memo, Instant bookedAt, List<Candidate> candidates) {
    Set<String> payer = words((payerName == null ? "" : payerName) + " " + (memo == null ? "" : memo));
    return rank(payer, bookedAt, candidates, c -> true, Integer.MAX_VALUE);
  }

  /**
   * The same ranking over the candidates that pass {@code open}, for callers that index many invoices:
   * {@code bestPossible} is the most name words any candidate can share, so that a pool where more than
   * {@value #MAX} candidates reach it is given up at once (it cannot be told apart), not scanned to the end.
   */
  public static List<Ranked> rank(Set<String> payer, Instant bookedAt, Iterable<Candidate> candidates,
                                  java.util.function.Predicate<Candidate> open, int bestPossible) {
    long day = bookedAt.atZone(VIETNAM).toLocalDate().toEpochDay();
    // One pass with a bounded top list: a common name can have thousands of candidates, sorting them all
    // for every queued credit would dominate file mode's run time.
    Comparator<Ranked> order = Comparator.comparingInt((Ranked r) -> -r.nameWords()).thenComparingLong(Ranked::daysFromDue)
        .thenComparing(r -> r.invoiceId().length()).thenComparing(Ranked::invoiceId);
    List<Ranked> top = new ArrayList<>(MAX + 1);
    int best = -1;
    int tied = 0;
    int count = 0;
    for (Candidate c : candidates) {
      if (!open.test(c)) {
        continue;
      }
      count++;
      Ranked r = new Ranked(c.invoiceId(), overlap(payer, c.names()), Math.abs(c.dueDate().toEpochDay() - day));
      if (r.nameWords() > best) {
        best = r.nameWords();
        tied = 1;
      } else if (r.nameWords() == best) {
        tied++;
        if (best >= bestPossible && tied > MAX) {
          return List.of();
        }
      }
      if (top.size() < MAX || order.compare(r, top.get(top.size() - 1)) < 0) {
        int at = 0;
        while (at < top.size() && order.compare(top.get(at), r) <= 0) {
          at++;
        }
        top.add(at, r);
        if (top.size() > MAX) {
          top.remove(MAX);
        }
      }
    }
    if (count > MAX && (best < 2 || tied > MAX)) {
      return List.of();
    }
    return List.copyOf(top);
  }

  static int overlap(Set<String> payer, List<String[]> names) {
    int best = 0;
    for (String[] name : names) {
      int n = 0;
      for (String w : name) {
        if (payer.contains(w)) {
          n++;
        }
      }
      best = Math.max(best, n);
    }
    return best;
  }

  /** Upper-case ASCII words of two or more characters. */
  public static Set<String> words(String text) {
    if (text == null) {
      return Set.of();
    }
    return Arrays.stream(NOT_WORD.split(AsciiFolding.fold(text).toUpperCase()))
        .filter(w -> w.length() >= 2)
        .collect(Collectors.toSet());
  }

  /** {@link #words} as an array, for names held by the million. */
  public static String[] nameWords(String name) {
    return words(name).toArray(String[]::new);
  }
}
