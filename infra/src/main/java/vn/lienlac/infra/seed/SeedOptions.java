package vn.lienlac.infra.seed;

/**
 * What {@link DistrictSeeder} builds: how many schools, how many students in each, the random seed
 * that makes the data reproducible, and whether existing district data may be replaced.
 */
public record SeedOptions(int schools, int studentsPerSchool, long seed, boolean replace) {

  public static final int MAX_SCHOOLS = 100_000;
  public static final int MAX_STUDENTS_PER_SCHOOL = 5_000;

  public SeedOptions {
    if (schools < 1 || schools > MAX_SCHOOLS) {
      throw new IllegalArgumentException(
          "schools must be between 1 and " + MAX_SCHOOLS + " (got " + schools + ")");
    }
    if (studentsPerSchool < 1 || studentsPerSchool > MAX_STUDENTS_PER_SCHOOL) {
      throw new IllegalArgumentException(
          "students per school must be between 1 and " + MAX_STUDENTS_PER_SCHOOL + " (got " + studentsPerSchool + ")");
    }
  }

  /** Every school has exactly this many students, so the total is known before writing starts. */
  public long totalStudents() {
    return (long) schools * studentsPerSchool;
  }
}
