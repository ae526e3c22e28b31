package vn.lienlac.infra.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A weighted choice answered in constant time: each value is repeated in a table as many times as its
 * weight, so a pick is one random index. Weights are small integers (per mille or per cent), which keeps
 * the table small and the proportions obvious in the source.
 */
final class Weighted<T> {

  private final List<T> table;

  private Weighted(List<T> table) {
    this.table = List.copyOf(table);
  }

  /** {@code of("Nguyễn", 380, "Trần", 110, …)}: value, weight, value, weight… */
  @SuppressWarnings("unchecked")
  static <T> Weighted<T> of(Object... valueWeightPairs) {
    if (valueWeightPairs.length == 0 || valueWeightPairs.length % 2 != 0) {
      throw new IllegalArgumentException("expected value, weight pairs");
    }
    List<T> table = new ArrayList<>();
    for (int i = 0; i < valueWeightPairs.length; i += 2) {
      int weight = (Integer) valueWeightPairs[i + 1];
      for (int w = 0; w < weight; w++) {
        table.add((T) valueWeightPairs[i]);
      }
    }
    return new Weighted<>(table);
  }

  /** Every value with the same weight. */
  static <T> Weighted<T> uniform(List<T> values) {
    return new Weighted<>(values);
  }

  T pick(SplittableRandom random) {
    return table.get(random.nextInt(table.size()));
  }

  /** The expanded table: picking a uniformly random element of it is a weighted pick (used from SQL). */
  List<T> table() {
    return table;
  }
}
