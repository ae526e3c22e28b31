package vn.lienlac.infra.seed;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Vietnamese full names: family name, one (sometimes two) middle names, a given name. Family names
 * follow their rough share in Vietnam (Nguyễn about 38%). Middle names differ by generation: parents,
 * born in the 1980s and 1990s, are very often "Văn" or "Thị"; their children much less so.
 */
final class VietnameseNames {

  /** Per-mille shares; the tail of rarer names makes up the remainder. */
  static final Weighted<String> FAMILY = Weighted.of(
      "Nguyễn", 380, "Trần", 110, "Lê", 95, "Phạm", 70, "Hoàng", 30, "Huỳnh", 21, "Phan", 45, "Vũ", 20,
      "Võ", 19, "Đặng", 21, "Bùi", 20, "Đỗ", 14, "Hồ", 13, "Ngô", 13, "Dương", 10, "Lý", 5,
      "Đinh", 8, "Trương", 8, "Lâm", 6, "Mai", 6, "Cao", 5, "Đoàn", 6, "Lương", 5, "Châu", 4,
      "Tạ", 3, "Hà", 5, "Tô", 3, "Quách", 2, "Thái", 3, "La", 2, "Từ", 2, "Kiều", 2, "Triệu", 2,
      "Văn", 2, "Lưu", 4, "Tăng", 2, "Chu", 2, "Mạc", 1, "Khổng", 1, "Ông", 1, "Diệp", 1, "Giang", 2,
      "Trịnh", 6, "Lại", 2, "Nghiêm", 1, "Thạch", 1, "Danh", 1);

  private static final Weighted<String> ADULT_MALE_MIDDLE = Weighted.of(
      "Văn", 40, "Hữu", 8, "Đức", 8, "Minh", 8, "Quốc", 6, "Thanh", 6, "Công", 5, "Hoàng", 5,
      "Ngọc", 4, "Tấn", 5, "Thành", 5, "Trọng", 3, "Xuân", 3, "Đình", 4);
  private static final Weighted<String> ADULT_FEMALE_MIDDLE = Weighted.of(
      "Thị", 45, "Ngọc", 10, "Thu", 6, "Thanh", 8, "Kim", 6, "Mỹ", 5, "Hồng", 5, "Bích", 5,
      "Phương", 5, "Thùy", 5, "Minh", 3, "Hoài", 3);
  private static final Weighted<String> CHILD_MALE_MIDDLE = Weighted.of(
      "Minh", 12, "Gia", 12, "Hoàng", 8, "Đức", 8, "Bảo", 8, "Anh", 6, "Quốc", 6, "Văn", 8,
      "Nhật", 6, "Đăng", 6, "Tuấn", 5, "Thành", 5, "Hữu", 5, "Phúc", 4, "Trung", 3);
  private static final Weighted<String> CHILD_FEMALE_MIDDLE = Weighted.of(
      "Ngọc", 12, "Bảo", 10, "Gia", 8, "Khánh", 8, "Minh", 8, "Thảo", 6, "Phương", 6, "Thị", 8,
      "Hà", 5, "Quỳnh", 6, "Thanh", 6, "An", 4, "Mai", 5, "Tường", 3, "Diệu", 3);

  private static final Weighted<String> ADULT_MALE_GIVEN = Weighted.uniform(List.of(
      "Bình", "Cường", "Dũng", "Hải", "Hùng", "Hưng", "Hòa", "Khánh", "Long", "Lâm", "Minh", "Nam",
      "Phong", "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Tùng", "Việt",
      "Vinh", "Hiếu", "Hoàng", "Đạt", "Đức", "Tâm", "Thịnh", "Lộc", "Nghĩa", "Hậu", "Kiệt", "Tú"));
  private static final Weighted<String> ADULT_FEMALE_GIVEN = Weighted.uniform(List.of(
      "Anh", "Dung", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan",
      "Mai", "Nga", "Nhung", "Oanh", "Phượng", "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Xuân", "Yến",
      "Hiền", "Thu", "Ngân", "Trinh", "Diễm", "Châu", "Quyên", "Tâm", "Nhàn", "Lệ", "Hồng", "My"));
  private static final Weighted<String> CHILD_MALE_GIVEN = Weighted.uniform(List.of(
      "An", "Bảo", "Khang", "Khôi", "Minh", "Nam", "Phúc", "Quân", "Huy", "Khoa", "Long", "Duy",
      "Đạt", "Hưng", "Kiên", "Lâm", "Nhân", "Phong", "Quang", "Sơn", "Thịnh", "Trí", "Tuấn", "Vinh",
      "Việt", "Hoàng", "Hiếu", "Bình", "Dũng", "Nguyên", "Thiện", "Tùng", "Khánh", "Vũ", "Lộc", "Đăng"));
  private static final Weighted<String> CHILD_FEMALE_GIVEN = Weighted.uniform(List.of(
      "An", "Anh", "Châu", "Chi", "Diệp", "Giang", "Hà", "Hân", "Khánh", "Linh", "Mai", "My",
      "Ngân", "Ngọc", "Nhi", "Như", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thư", "Trang", "Trâm",
      "Uyên", "Vy", "Yến", "Hương", "Lan", "Ly", "Nga", "Vân", "Tiên", "Hạnh", "Đan", "Nhiên"));

  private VietnameseNames() {}

  static String familyName(SplittableRandom random) {
    return FAMILY.pick(random);
  }

  /** A parent, grandparent or teacher. */
  static String adult(SplittableRandom random, String familyName, boolean male) {
    return compose(random, familyName,
        male ? ADULT_MALE_MIDDLE : ADULT_FEMALE_MIDDLE, male ? ADULT_MALE_GIVEN : ADULT_FEMALE_GIVEN, 3);
  }

  /** A pupil; about one in ten gets a second middle name ("Nguyễn Ngọc Bảo Anh"). */
  static String child(SplittableRandom random, String familyName, boolean male) {
    return compose(random, familyName,
        male ? CHILD_MALE_MIDDLE : CHILD_FEMALE_MIDDLE, male ? CHILD_MALE_GIVEN : CHILD_FEMALE_GIVEN, 10);
  }

  /** Middle and given names usable from SQL (see {@link DistrictChanges}), weighted by repetition. */
  static List<String> childMiddleNames(boolean male) {
    return (male ? CHILD_MALE_MIDDLE : CHILD_FEMALE_MIDDLE).table();
  }

  static List<String> childGivenNames(boolean male) {
    return (male ? CHILD_MALE_GIVEN : CHILD_FEMALE_GIVEN).table();
  }

  static List<String> adultMiddleNames(boolean male) {
    return (male ? ADULT_MALE_MIDDLE : ADULT_FEMALE_MIDDLE).table();
  }

  static List<String> adultGivenNames(boolean male) {
    return (male ? ADULT_MALE_GIVEN : ADULT_FEMALE_GIVEN).table();
  }

  private static String compose(SplittableRandom random, String familyName, Weighted<String> middles,
      Weighted<String> givens, int percentWithTwoMiddleNames) {
    String middle = middles.pick(random);
    String given = givens.pick(random);
    // "Thu Thu" or "Minh Minh" does not happen; draw again (a different name always exists).
    while (given.equals(middle)) {
      given = givens.pick(random);
    }
    if (random.nextInt(100) < percentWithTwoMiddleNames) {
      String second = middles.pick(random);
      if (!second.equals(middle) && !second.equals(given) && !second.equals("Văn") && !second.equals("Thị")) {
        return familyName + " " + middle + " " + second + " " + given;
      }
    }
    return familyName + " " + middle + " " + given;
  }
}
