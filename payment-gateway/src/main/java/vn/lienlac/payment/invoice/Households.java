package vn.lienlac.payment.invoice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which invoices of a batch one transfer may pay together: students joined by a guardian they share
 * (directly, or through a chain: a mother of A and B, a father of B and C) form one household. Groups
 * of one student get no household reference; their invoice reference is enough.
 *
 * <p>A chain of links puts step-siblings in one household on purpose: one reference then settles every
 * invoice any of these guardians may be asked to pay, and a family never sees two overlapping totals.
 */
public final class Households {

  /** Students of one household and the guardians who link them, both sorted. */
  public record Household(SortedSet<String> studentIds, SortedSet<Long> guardianIds) {}

  private Households() {}

  /** @param guardiansOf for each invoiced student, their guardians with standing links */
  public static List<Household> of(Map<String, List<Long>> guardiansOf) {
    Map<String, String> parent = new HashMap<>();
    Map<Long, String> firstChildOf = new HashMap<>();
    guardiansOf.keySet().forEach(s -> parent.put(s, s));
    guardiansOf.forEach((student, guardians) -> {
      for (Long g : guardians) {
        String other = firstChildOf.putIfAbsent(g, student);
        if (other != null) {
          union(parent, student, other);
        }
      }
    });
    Map<String, Household> byRoot = new TreeMap<>();
    guardiansOf.forEach((student, guardians) -> {
      Household h = byRoot.computeIfAbsent(find(parent, student), r -> new Household(new TreeSet<>(), new TreeSet<>()));
      h.studentIds().add(student);
      h.guardianIds().addAll(guardians);
    });
    List<Household> out = new ArrayList<>();
    for (Household h : byRoot.values()) {
      if (h.studentIds().size() > 1) {
        out.add(h);
      }
    }
    out.sort((a, b) -> a.studentIds().first().compareTo(b.studentIds().first()));
    return out;
  }

  private static String find(Map<String, String> parent, String s) {
    String root = s;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    parent.put(s, root);
    return root;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
    }
  }
}
