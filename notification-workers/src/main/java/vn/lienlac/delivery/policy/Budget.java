package vn.lienlac.delivery.policy;

/**
 * A school's month on one paid channel. No budget row means no limit (the school did not set one).
 *
 * @param limitVnd the month's limit in đồng
 * @param spentVnd what accepted sends cost so far
 */
public record Budget(long limitVnd, long spentVnd) {

  public enum Level { UNDER, WARNING, EXHAUSTED }

  /** The share of the limit at which the school is warned. */
  public static final int WARN_PERCENT = 80;

  public Level level() {
    if (spentVnd >= limitVnd) {
      return Level.EXHAUSTED;
    }
    // spent/limit ≥ 80% without floating point
    return spentVnd * 100 >= limitVnd * WARN_PERCENT ? Level.WARNING : Level.UNDER;
  }
}
