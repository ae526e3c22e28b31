package vn.lienlac.infra.seed;

import java.util.List;

/**
 * A school's level (cấp học) with its grades, as the district database spells them. Kindergartens
 * (mầm non) have no numbered grades: their groups by age are "Mầm" (3-year-olds), "Chồi" (4) and
 * "Lá" (5), all with khoi 0.
 */
enum SchoolLevel {
  MN("Trường Mầm non", 98, List.of(
      new Grade(0, "Mầm ", "MAM", SchoolYear.START - 3),
      new Grade(0, "Chồi ", "CHOI", SchoolYear.START - 4),
      new Grade(0, "Lá ", "LA", SchoolYear.START - 5))),
  TH("Trường Tiểu học", 80, grades(1, 5)),
  THCS("Trường THCS", 70, grades(6, 9)),
  THPT("Trường THPT", 60, grades(10, 12));

  /** "Trường Tiểu học" + " Nguyễn Du". */
  final String namePrefix;
  /** Share of teachers who are women, in per cent (teaching young children is mostly women's work in Vietnam). */
  final int percentFemaleTeachers;
  final List<Grade> grades;

  SchoolLevel(String namePrefix, int percentFemaleTeachers, List<Grade> grades) {
    this.namePrefix = namePrefix;
    this.percentFemaleTeachers = percentFemaleTeachers;
    this.grades = grades;
  }

  /**
   * One grade (or kindergarten age group). Class names are {@code namePrefix + n} ("6A1", "Lá 2");
   * class codes use the ASCII {@code codePrefix} ("6A1", "LA2"). Pupils of grade 1 in school year
   * 2026–2027 were born in 2020 (the cut-off is the calendar year), so birthYear = 2021 − grade.
   */
  record Grade(int khoi, String namePrefix, String codePrefix, int birthYear) {}

  private static List<Grade> grades(int first, int last) {
    return java.util.stream.IntStream.rangeClosed(first, last)
        .mapToObj(k -> new Grade(k, k + "A", k + "A", SchoolYear.START - 5 - k))
        .toList();
  }

  /** The school year every seeded class belongs to. */
  static final class SchoolYear {
    static final int START = 2026;
    static final String NAM_HOC = START + "-" + (START + 1);

    private SchoolYear() {}
  }
}
