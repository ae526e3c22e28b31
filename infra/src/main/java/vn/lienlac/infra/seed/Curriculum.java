package vn.lienlac.infra.seed;

import java.util.List;

/**
 * Which subjects a class has (the 2018 general-education programme) and who teaches them. In primary
 * school the homeroom teacher teaches the core subjects and specialists teach English, IT, PE and the
 * arts; in lower and upper secondary school every subject has a specialist, and the homeroom teacher
 * teaches "Hoạt động trải nghiệm, hướng nghiệp" plus their own subject in their class.
 */
final class Curriculum {

  static final String EXPERIENCE = "Hoạt động trải nghiệm";
  static final String EXPERIENCE_CAREER = "Hoạt động trải nghiệm, hướng nghiệp";
  static final String KINDERGARTEN = "Chăm sóc, giáo dục trẻ";

  private static final List<String> PRIMARY_SPECIALTIES =
      List.of("Tiếng Anh", "Giáo dục thể chất", "Âm nhạc", "Mĩ thuật", "Tin học và Công nghệ");
  private static final List<String> LOWER_SECONDARY = List.of(
      "Toán", "Ngữ văn", "Tiếng Anh", "Khoa học tự nhiên", "Lịch sử và Địa lí", "Giáo dục công dân",
      "Công nghệ", "Tin học", "Giáo dục thể chất", "Âm nhạc", "Mĩ thuật");
  private static final List<String> UPPER_SECONDARY_CORE = List.of(
      "Toán", "Ngữ văn", "Tiếng Anh", "Lịch sử", "Giáo dục thể chất", "Giáo dục quốc phòng và an ninh");
  /** Upper-secondary classes choose a science or a social-science combination of electives. */
  private static final List<String> SCIENCE_ELECTIVES = List.of("Vật lí", "Hóa học", "Sinh học", "Tin học");
  private static final List<String> SOCIAL_ELECTIVES =
      List.of("Địa lí", "Giáo dục kinh tế và pháp luật", "Công nghệ", "Tin học");
  private static final List<String> UPPER_SECONDARY_ALL = List.of(
      "Toán", "Ngữ văn", "Tiếng Anh", "Lịch sử", "Giáo dục thể chất", "Giáo dục quốc phòng và an ninh",
      "Vật lí", "Hóa học", "Sinh học", "Tin học", "Địa lí", "Giáo dục kinh tế và pháp luật", "Công nghệ");

  private Curriculum() {}

  /** Subjects the homeroom teacher always teaches in their own class. */
  static List<String> homeroomSubjects(SchoolLevel level, int khoi) {
    return switch (level) {
      case MN -> List.of(KINDERGARTEN);
      case TH -> khoi <= 3
          ? List.of("Tiếng Việt", "Toán", "Đạo đức", "Tự nhiên và Xã hội", EXPERIENCE)
          : List.of("Tiếng Việt", "Toán", "Đạo đức", "Khoa học", "Lịch sử và Địa lí", EXPERIENCE);
      case THCS, THPT -> List.of(EXPERIENCE_CAREER);
    };
  }

  /** Subjects taught by specialists (a kindergarten's second teacher counts as one). */
  static List<String> specialistSubjects(SchoolLevel level, int khoi, int classIndex) {
    return switch (level) {
      case MN -> List.of(KINDERGARTEN);
      case TH -> khoi <= 2 ? PRIMARY_SPECIALTIES.subList(1, 4) : PRIMARY_SPECIALTIES;
      case THCS -> LOWER_SECONDARY;
      case THPT -> concat(UPPER_SECONDARY_CORE, classIndex % 2 == 0 ? SCIENCE_ELECTIVES : SOCIAL_ELECTIVES);
    };
  }

  /** Every specialist subject of the level, in a fixed order: specialist i's subject is entry i mod size. */
  static List<String> specialties(SchoolLevel level) {
    return switch (level) {
      case MN -> List.of(KINDERGARTEN);
      case TH -> PRIMARY_SPECIALTIES;
      case THCS -> LOWER_SECONDARY;
      case THPT -> UPPER_SECONDARY_ALL;
    };
  }

  /** Secondary homeroom teachers also teach one subject of their own in their class. */
  static boolean homeroomTeachesOwnSubject(SchoolLevel level) {
    return level == SchoolLevel.THCS || level == SchoolLevel.THPT;
  }

  /**
   * The specialist (0-based among the school's specialists) teaching {@code subject} to the class with
   * index {@code classIndex}: classes rotate over the specialists of that subject; a small school
   * without one borrows a colleague, as small schools do.
   */
  static int specialistFor(SchoolLevel level, String subject, int classIndex, int specialists) {
    List<String> all = specialties(level);
    int k = all.size();
    int j = all.indexOf(subject);
    int ofSubject = specialists / k + (j < specialists % k ? 1 : 0);
    if (ofSubject == 0) {
      return j % specialists;
    }
    return j + k * (classIndex % ofSubject);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
