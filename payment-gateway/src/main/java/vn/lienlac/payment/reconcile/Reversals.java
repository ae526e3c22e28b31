package vn.lienlac.payment.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * Which earlier credits a debit may reverse: banks name the reversed transaction's id in the debit's
 * memo or its own reference. Shared by file mode and the database engine; the caller reverses the first
 * named credit that is still standing on the same account.
 */
public final class Reversals {

  private static final int SHORTEST_ID = 6;
  private static final java.util.regex.Pattern NOT_ID = java.util.regex.Pattern.compile("[^A-Z0-9]+");

  private Reversals() {}

  /** Alphanumeric runs of at least six characters, upper-cased, from the debit's bank id and memo. */
  public static List<String> namedIds(String bankTxnId, String memo) {
    String text = (bankTxnId == null ? "" : bankTxnId) + " " + (memo == null ? "" : memo);
    List<String> out = new ArrayList<>();
    for (String token : NOT_ID.split(text.toUpperCase())) {
      if (token.length() >= SHORTEST_ID && !out.contains(token)) {
        out.add(token);
      }
    }
    return out;
  }
}
