package vn.lienlac.infra.seed;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The schools of the seeded district (a Sở GD&ĐT, here Hồ Chí Minh City's), one at a time in code
 * order. Schools are grouped by urban district in blocks, so consecutive schools are neighbours (the
 * family pool relies on that to put siblings in nearby schools). Codes are "79" + the district's 3-digit
 * administrative code + a sequence number within the district.
 */
final class SchoolPlan {

  record District(String code, String name) {}

  record School(int index, String code, String name, SchoolLevel level, String educationOffice, String address,
      District district) {}

  /** The city's districts and their administrative codes (before the 2025 reorganisation). */
  static final List<District> DISTRICTS = List.of(
      new District("760", "Quận 1"), new District("761", "Quận 12"), new District("764", "Quận Gò Vấp"),
      new District("765", "Quận Bình Thạnh"), new District("766", "Quận Tân Bình"), new District("767", "Quận Tân Phú"),
      new District("768", "Quận Phú Nhuận"), new District("769", "Thành phố Thủ Đức"), new District("770", "Quận 3"),
      new District("771", "Quận 10"), new District("772", "Quận 11"), new District("773", "Quận 4"),
      new District("774", "Quận 5"), new District("775", "Quận 6"), new District("776", "Quận 8"),
      new District("777", "Quận Bình Tân"), new District("778", "Quận 7"), new District("783", "Huyện Củ Chi"),
      new District("784", "Huyện Hóc Môn"), new District("785", "Huyện Bình Chánh"), new District("786", "Huyện Nhà Bè"),
      new District("787", "Huyện Cần Giờ"));

  /** Mostly primary and lower-secondary schools, some upper-secondary, a few kindergartens. */
  private static final List<SchoolLevel> LEVEL_PATTERN = List.of(
      SchoolLevel.TH, SchoolLevel.THCS, SchoolLevel.TH, SchoolLevel.THCS, SchoolLevel.THPT,
      SchoolLevel.TH, SchoolLevel.THCS, SchoolLevel.TH, SchoolLevel.MN, SchoolLevel.THCS,
      SchoolLevel.TH, SchoolLevel.THCS, SchoolLevel.TH, SchoolLevel.THPT, SchoolLevel.TH,
      SchoolLevel.THCS, SchoolLevel.TH, SchoolLevel.THCS, SchoolLevel.THPT, SchoolLevel.TH);

  /** Schools are named after historical figures; streets too. */
  static final List<String> FIGURES = List.of(
      "Nguyễn Du", "Lê Quý Đôn", "Trần Hưng Đạo", "Lý Thường Kiệt", "Nguyễn Trãi", "Ngô Quyền", "Lê Lợi",
      "Quang Trung", "Hai Bà Trưng", "Bà Triệu", "Chu Văn An", "Nguyễn Bỉnh Khiêm", "Trần Phú", "Võ Thị Sáu",
      "Nguyễn Thị Minh Khai", "Lê Văn Tám", "Phan Bội Châu", "Phan Châu Trinh", "Nguyễn Đình Chiểu",
      "Trương Định", "Nguyễn Hiền", "Lương Thế Vinh", "Mạc Đĩnh Chi", "Tô Hiến Thành", "Đinh Tiên Hoàng",
      "Lý Tự Trọng", "Nguyễn Văn Trỗi", "Hùng Vương", "Yết Kiêu", "Trần Quốc Toản", "Hàm Nghi", "Nguyễn Huệ",
      "Nguyễn Khuyến", "Hồ Xuân Hương", "Đoàn Thị Điểm", "Nguyễn Thái Học", "Kim Đồng", "Trần Quang Khải",
      "Phạm Ngũ Lão", "Võ Trường Toản", "Lê Hồng Phong", "Nguyễn Văn Cừ", "Huỳnh Thúc Kháng", "Trần Đại Nghĩa",
      "Trương Vĩnh Ký", "Nguyễn An Ninh", "Lê Thánh Tông", "Lý Công Uẩn", "Trần Nhân Tông", "Nguyễn Trung Trực",
      "Thủ Khoa Huân", "Lê Anh Xuân", "Nguyễn Thượng Hiền", "Phan Đình Phùng", "Nguyễn Tri Phương");

  /** Kindergartens have gentler names. */
  private static final List<String> KINDERGARTEN_NAMES = List.of(
      "Hoa Sen", "Họa Mi", "Sơn Ca", "Vành Khuyên", "Hoa Hồng", "Tuổi Thơ", "Hướng Dương", "Măng Non",
      "Sao Mai", "Ánh Dương", "Rạng Đông", "Thỏ Ngọc", "Hoa Mai", "Bông Sen", "Mầm Xanh", "Hoa Cúc");

  private final int schools;
  private final int districtCount;
  private final SplittableRandom random;
  private int next;
  private int currentDistrict = -1;
  private int sequence;
  private final int[] namesUsed = new int[SchoolLevel.values().length];
  private int nameOffset;

  SchoolPlan(int schools, SplittableRandom random) {
    this.schools = schools;
    // About forty schools per district, never more districts than the city has.
    this.districtCount = Math.max(1, Math.min(DISTRICTS.size(), schools / 40));
    this.random = random;
  }

  boolean hasNext() {
    return next < schools;
  }

  /** The next school; {@link School#district()} changes only between blocks of consecutive schools. */
  School next() {
    int index = next++;
    int d = (int) ((long) index * districtCount / schools);
    if (d != currentDistrict) {
      currentDistrict = d;
      sequence = 0;
      Arrays.fill(namesUsed, 0);
      nameOffset = random.nextInt(FIGURES.size());
    }
    District district = DISTRICTS.get(d);
    SchoolLevel level = LEVEL_PATTERN.get(index % LEVEL_PATTERN.size());
    String code = "79" + district.code() + String.format(Locale.ROOT, "%03d", ++sequence);
    String office = level == SchoolLevel.THPT ? "SGD79" : "PGD" + district.code(); // THPT report to the Sở itself
    String address = (1 + random.nextInt(450)) + " Đường " + FIGURES.get(random.nextInt(FIGURES.size()))
        + ", " + district.name() + ", TP. Hồ Chí Minh";
    return new School(index, code, name(level), level, office, address, district);
  }

  /** Each name once per level and district; a district with more schools than names numbers them ("… số 2"). */
  private String name(SchoolLevel level) {
    List<String> names = level == SchoolLevel.MN ? KINDERGARTEN_NAMES : FIGURES;
    int used = namesUsed[level.ordinal()]++;
    String name = level.namePrefix + " " + names.get((nameOffset + used) % names.size());
    return used < names.size() ? name : name + " số " + (used / names.size() + 1);
  }
}
