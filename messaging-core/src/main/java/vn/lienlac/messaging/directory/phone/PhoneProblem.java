package vn.lienlac.messaging.directory.phone;

/** Why a phone number as typed by a school cannot be used to reach anybody. */
public enum PhoneProblem {
  MISSING("Chưa có số điện thoại", "No phone number"),
  NOT_A_NUMBER("Có ký tự không phải chữ số", "Contains characters that are not digits"),
  WRONG_LENGTH("Sai độ dài số di động", "Wrong length for a mobile number"),
  NOT_VIETNAMESE("Không phải số Việt Nam", "Not a Vietnamese number"),
  NOT_MOBILE("Không phải số di động (số cố định hoặc đầu số không tồn tại)",
      "Not a mobile number (landline or unknown prefix)");

  private final String vietnamese;
  private final String english;

  PhoneProblem(String vietnamese, String english) {
    this.vietnamese = vietnamese;
    this.english = english;
  }

  /** Stable code stored in the database and shown in reports. */
  public String code() {
    return name().toLowerCase();
  }

  public String vietnamese() {
    return vietnamese;
  }

  public String english() {
    return english;
  }

  public static PhoneProblem fromCode(String code) {
    return valueOf(code.toUpperCase());
  }
}
