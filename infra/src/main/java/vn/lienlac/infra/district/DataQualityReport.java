package vn.lienlac.infra.district;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * What a school must fix in the district database so that every family can be reached: guardians
 * whose phone cannot be used, active students with no guardian, rows the sync had to skip.
 */
final class DataQualityReport {

  record Count(String what, String detail, long n) {}

  record PhoneProblemLine(String schoolCode, String schoolName, String className, String studentName,
      long guardianId, String guardianName, String phoneAsTyped, String problem) {}

  record StudentWithoutGuardian(String schoolCode, String className, String nationalId, String studentName) {}

  record Rejection(String table, String key, String reason, String detail) {}

  private static final String COUNTS = """
      SELECT 'guardian_phone' AS what, phone_problem AS detail, count(*) AS n FROM directory.guardian
        WHERE phone_problem IS NOT NULL AND removed_at IS NULL GROUP BY phone_problem
      UNION ALL
      SELECT 'teacher_phone', phone_problem, count(*) FROM directory.teacher
        WHERE phone_problem IS NOT NULL AND removed_at IS NULL GROUP BY phone_problem
      UNION ALL
      SELECT 'rejected_row', source_table || ': ' || reason, count(*) FROM directory.sync_rejection
        GROUP BY source_table, reason
      ORDER BY 1, 2""";

  private static final String GUARDIAN_PHONE_PROBLEMS = """
      SELECT s.code, s.name, c.name, st.full_name, g.id, g.full_name, g.phone_as_typed, g.phone_problem
      FROM directory.guardian g
      JOIN directory.guardian_student gs ON gs.guardian_id = g.id AND gs.removed_at IS NULL
      JOIN directory.student st ON st.national_id = gs.student_id AND st.active
      LEFT JOIN directory.school_class c ON c.code = st.class_code
      LEFT JOIN directory.school s ON s.code = c.school_code
      WHERE g.phone_problem IS NOT NULL AND g.removed_at IS NULL AND ($1::text IS NULL OR s.code = $1)
      ORDER BY s.code, c.name, st.full_name, g.id
      LIMIT $2""";

  private static final String STUDENTS_WITHOUT_GUARDIAN = """
      SELECT c.school_code, c.name, st.national_id, st.full_name
      FROM directory.student st
      LEFT JOIN directory.school_class c ON c.code = st.class_code
      WHERE st.active AND ($1::text IS NULL OR c.school_code = $1) AND NOT EXISTS (
        SELECT 1 FROM directory.guardian_student gs
        JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
        WHERE gs.student_id = st.national_id AND gs.removed_at IS NULL)
      ORDER BY c.school_code, c.name, st.full_name
      LIMIT $2""";

  private static final String REJECTIONS = """
      SELECT source_table, source_key, reason, detail FROM directory.sync_rejection
      ORDER BY source_table, source_key LIMIT $1""";

  private final Pool pool;

  DataQualityReport(Pool pool) {
    this.pool = pool;
  }

  Future<List<Count>> counts() {
    return pool.query(COUNTS).execute().map(rows -> map(rows,
        r -> new Count(r.getString(0), r.getString(1), r.getLong(2))));
  }

  Future<List<PhoneProblemLine>> guardianPhoneProblems(String school, int limit) {
    return pool.preparedQuery(GUARDIAN_PHONE_PROBLEMS).execute(Tuple.of(school, limit)).map(rows -> map(rows,
        r -> new PhoneProblemLine(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
            r.getString(5), r.getString(6), r.getString(7))));
  }

  Future<List<StudentWithoutGuardian>> studentsWithoutGuardian(String school, int limit) {
    return pool.preparedQuery(STUDENTS_WITHOUT_GUARDIAN).execute(Tuple.of(school, limit)).map(rows -> map(rows,
        r -> new StudentWithoutGuardian(r.getString(0), r.getString(1), r.getString(2), r.getString(3))));
  }

  Future<List<Rejection>> rejections(int limit) {
    return pool.preparedQuery(REJECTIONS).execute(Tuple.of(limit)).map(rows -> map(rows,
        r -> new Rejection(r.getString(0), r.getString(1), r.getString(2), r.getString(3))));
  }

  private static <T> List<T> map(Iterable<Row> rows, java.util.function.Function<Row, T> f) {
    List<T> out = new ArrayList<>();
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }
}
