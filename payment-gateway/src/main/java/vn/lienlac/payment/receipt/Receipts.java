package vn.lienlac.payment.receipt;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.List;

/**
 * Issues and voids receipts inside the transaction that applies (or undoes) the payment. Numbers are
 * sequential per school and year without gaps, also under concurrency: the counter row of (school, year)
 * is incremented in the same transaction (its row lock orders concurrent payments of one school, and a
 * rollback takes the number back). A database sequence would leave a gap at every rollback.
 */
public final class Receipts {

  private static final String ISSUE = """
      WITH n AS (
        INSERT INTO payment.receipt_counter AS c (school_code, year, last_number)
        VALUES ($1, extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, 1)
        ON CONFLICT (school_code, year) DO UPDATE SET last_number = c.last_number + 1
        RETURNING year, last_number)
      INSERT INTO payment.receipt (school_code, series, number, invoice_id, application_id, student_id, amount,
                                   payer_name, verify_code)
      SELECT $1, 'BL/' || n.year, n.last_number, $2, $3, $4, $5, $6, $7 FROM n
      RETURNING id""";

  private static final String VOID = """
      UPDATE payment.receipt SET voided_at = now(), void_reason = $2
      WHERE application_id = ANY($1) AND voided_at IS NULL""";

  /** Crockford base 32 without look-alikes: the code is typed from paper sometimes. */
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final int CODE_LENGTH = 16;

  private final SecureRandom random = new SecureRandom();

  /** The receipt of one application; completes with its id. */
  public Future<Long> issue(SqlConnection tx, String school, Long invoiceId, long applicationId, String studentId,
                            long amount, String payerName) {
    return tx.preparedQuery(ISSUE)
        .execute(Tuple.of(school, invoiceId, applicationId, studentId, amount, payerName, verifyCode()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Voids the receipts of undone applications; their numbers stay used. */
  public Future<Void> voidFor(SqlConnection tx, List<Long> applicationIds, String reason) {
    if (applicationIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(VOID).execute(Tuple.of(applicationIds.toArray(Long[]::new), reason)).mapEmpty();
  }

  String verifyCode() {
    char[] code = new char[CODE_LENGTH];
    for (int i = 0; i < code.length; i++) {
      code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(code);
  }
}
