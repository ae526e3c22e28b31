package vn.lienlac.messaging.directory;

/** Why an upstream row was skipped by the sync. Stored as {@link #code()}; shown in both languages. */
public enum RejectionReason {
  MISSING_KEY("Thiếu mã định danh của dòng", "The row has no key"),
  MISSING_NAME("Thiếu họ tên / tên", "Name is missing"),
  UNKNOWN_SCHOOL_LEVEL("Cấp học không hợp lệ (MN, TH, THCS, THPT, LC)", "Unknown school level"),
  MISSING_SCHOOL("Thiếu mã trường", "School code is missing"),
  GRADE_OUT_OF_RANGE("Khối lớp ngoài khoảng 0–12", "Grade outside 0–12"),
  BAD_SCHOOL_YEAR("Năm học không đúng dạng YYYY-YYYY", "School year is not YYYY-YYYY"),
  UNKNOWN_STUDENT_STATUS("Trạng thái học sinh không hợp lệ", "Unknown student status");

  private final String vietnamese;
  private final String english;

  RejectionReason(String vietnamese, String english) {
    this.vietnamese = vietnamese;
    this.english = english;
  }

  public String code() {
    return name().toLowerCase();
  }

  public String vietnamese() {
    return vietnamese;
  }

  public String english() {
    return english;
  }

  public static RejectionReason fromCode(String code) {
    return valueOf(code.toUpperCase());
  }
}
