package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * A student's credit: overpayments kept (applications of kind {@code student_credit}) minus credit
 * already used by later invoices ({@code credit_used}, written by invoicing when it issues the next
 * invoice), standing applications only. Equals minus the balance of {@code student_credit:<student>}.
 */
public final class StudentCredits {

  private static final String BALANCE = """
      SELECT coalesce(sum(CASE WHEN kind = 'student_credit' THEN amount ELSE -amount END), 0)::bigint
      FROM payment.application
      WHERE student_id = $1 AND undone_at IS NULL AND kind IN ('student_credit', 'credit_used')""";

  private StudentCredits() {}

  /** What the student has to spend, in đồng (read in the caller's transaction to use it consistently). */
  public static Future<Long> balance(SqlClient client, String studentId) {
    return client.preparedQuery(BALANCE).execute(Tuple.of(studentId)).map(rows -> rows.iterator().next().getLong(0));
  }
}
