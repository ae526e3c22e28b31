package vn.lienlac.payment.reference;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds payment references in bank transfer memos, however the banks mangled them: case changed,
 * diacritics stripped, spaces, dots or dashes inserted (also inside the reference), their own codes
 * glued before or after.
 *
 * <p>It never invents a reference: a candidate counts only when its check characters verify, and a
 * reference cut short by a truncated memo is not found. It reports every distinct valid reference,
 * so the caller can tell "none usable" (empty) and "ambiguous" (two or more) from one clear match.
 * What it cannot rule out is chance: text that already has the prefix and nine alphabet characters
 * after it, such as a cut reference followed by a bank's code, passes the check about once in 1021
 * times. The number it then names is almost never one in use (numbers are scrambled), and callers
 * should still compare the amount with what the reference is for.
 */
public final class ReferenceFinder {

  private ReferenceFinder() {}

  /**
   * Every distinct valid reference in the memo, in order of first appearance; empty for a null or
   * blank memo.
   */
  public static List<PaymentReference> findAll(String memo) {
    if (memo == null) {
      return List.of();
    }
    String text = MemoText.normalise(memo);
    Set<PaymentReference> found = new LinkedHashSet<>();
    for (int i = text.indexOf(ReferenceFormat.PREFIX); i >= 0;
        i = text.indexOf(ReferenceFormat.PREFIX, i + 1)) {
      // Every position is tried, so a prefix preceded by L's (LLLP…) or a damaged copy of one is
      // read at the right place; what follows the fixed length is never looked at.
      Optional<PaymentReference> reference = ReferenceFormat.decodeAt(text, i);
      reference.ifPresent(found::add);
    }
    return List.copyOf(found);
  }
}
