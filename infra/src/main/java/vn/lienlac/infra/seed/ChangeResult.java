package vn.lienlac.infra.seed;

/**
 * What {@link DistrictChanges#apply} changed, by kind of change. Every count is of rows whose content
 * really changed (so whose updated_at moved) or rows that are new; the per-table sums are below.
 */
public record ChangeResult(
    int studentsMovedClass, int studentsTransferred, int studentsAdded,
    int guardiansUpdated, int guardiansAdded,
    int linksUpdated, int linksAdded,
    int teachersUpdated, int assignmentsReassigned) {

  /** hoc_sinh rows updated or inserted. */
  public int hocSinh() {
    return studentsMovedClass + studentsTransferred + studentsAdded;
  }

  /** phu_huynh rows updated or inserted (new guardians come with new pupils and as extra guardians). */
  public int phuHuynh() {
    return guardiansUpdated + guardiansAdded;
  }

  public int hocSinhPhuHuynh() {
    return linksUpdated + linksAdded;
  }

  public int giaoVien() {
    return teachersUpdated;
  }

  /** phan_cong rows given to another teacher (the key changes: the old key vanishes, a new one appears). */
  public int phanCong() {
    return assignmentsReassigned;
  }
}
