package vn.lienlac.infra.seed;

/**
 * Where the seed deliberately writes rows the sync must reject, so the data-quality report has something
 * to show: about one pupil in 20,000 with a blank name or an unknown status (alternately), and a class
 * with grade 13 in about one school in 500. A district of 20 or more schools always gets at least one of
 * each. Positions are spread evenly by index rather than drawn at random, which makes "at least one"
 * a guarantee instead of a likelihood.
 */
final class DataDefects {

  static final String UNKNOWN_STATUS = "bao_luu";
  static final String BLANK_NAME = " ";
  static final int BAD_GRADE = 13;

  private final long studentStride;
  private final long badStudents;
  private final int schoolStride;
  private final int badSchools;

  DataDefects(SeedOptions options) {
    boolean guaranteed = options.schools() >= 20;
    long total = options.totalStudents();
    badStudents = Math.min(total, Math.max(guaranteed ? 2 : 0, total / 20_000));
    studentStride = badStudents == 0 ? Long.MAX_VALUE : total / badStudents;
    badSchools = Math.max(guaranteed ? 1 : 0, options.schools() / 500);
    schoolStride = badSchools == 0 ? Integer.MAX_VALUE : options.schools() / badSchools;
  }

  /** Pupil number {@code index} (0-based over the district) gets a blank ho_ten. */
  boolean blankName(long index) {
    return defect(index) == 0;
  }

  /** Pupil number {@code index} gets a trang_thai the sync does not know. */
  boolean unknownStatus(long index) {
    return defect(index) == 1;
  }

  /** School number {@code index} (0-based) has one class typed with grade 13. */
  boolean badGrade(int index) {
    return index % schoolStride == schoolStride / 2 && index / schoolStride < badSchools;
  }

  /** 0 or 1 (the kind of defect) for a defective pupil, −1 otherwise. */
  private int defect(long index) {
    if (index % studentStride != studentStride / 2) {
      return -1;
    }
    long n = index / studentStride;
    return n < badStudents ? (int) (n % 2) : -1;
  }
}
