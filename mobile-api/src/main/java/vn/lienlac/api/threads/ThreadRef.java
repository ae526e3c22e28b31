package vn.lienlac.api.threads;

import io.vertx.sqlclient.Row;

/** The thread a message goes to, as read (and locked) inside the posting transaction. */
record ThreadRef(long id, String schoolCode, String studentId, String teacherCode, Long staffId) {

  /** Columns {@code id, school_code, student_id, teacher_code, staff_id}. */
  static ThreadRef of(Row r) {
    return new ThreadRef(r.getLong("id"), r.getString("school_code"), r.getString("student_id"),
        r.getString("teacher_code"), r.getLong("staff_id"));
  }
}
