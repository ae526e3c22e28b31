package vn.lienlac.payment.fee;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import vn.lienlac.payment.PaymentRefusal;

/**
 * Exemptions and discounts per student (table {@code payment.exemption}). Never edited: one that no
 * longer holds is revoked, and a corrected one is created, so issued invoice lines keep pointing at the
 * exemption they applied.
 */
public final class Exemptions {

  static final String COLUMNS = """
      json_build_object('id', e.id, 'studentId', e.student_id, 'feeItemId', e.fee_item_id, 'percent', e.percent,
        'amount', e.amount, 'documentRef', e.document_ref, 'validFrom', e.valid_from, 'validTo', e.valid_to,
        'revoked', e.revoked_at IS NOT NULL, 'createdAt', e.created_at)""";
  static final String STUDENT_OF_SCHOOL = """
      SELECT 1 FROM directory.student s JOIN directory.school_class c ON c.code = s.class_code
       WHERE s.national_id = $1 AND c.school_code = $2""";
  static final String ITEM_OF_SCHOOL = "SELECT 1 FROM payment.fee_item WHERE id = $1 AND school_code = $2";
  static final String INSERT = """
      INSERT INTO payment.exemption (school_code, student_id, fee_item_id, percent, amount, document_ref, valid_from, valid_to)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";
  static final String ONE = "SELECT " + COLUMNS + " AS e FROM payment.exemption e WHERE e.id = $1 AND e.school_code = $2";
  static final String LIST = "SELECT " + COLUMNS + " AS e FROM payment.exemption e"
      + " WHERE e.school_code = $1 AND ($2::text IS NULL OR e.student_id = $2) ORDER BY e.id LIMIT 5000";
  static final String REVOKE = """
      UPDATE payment.exemption SET revoked_at = now() WHERE id = $1 AND school_code = $2 AND revoked_at IS NULL RETURNING id""";

  private Exemptions() {}

  public static Future<JsonObject> create(SqlClient tx, String school, JsonObject e) {
    Integer percent = e.getInteger("percent");
    Long amount = e.getLong("amount");
    Long item = e.getLong("feeItemId");
    LocalDate from = LocalDate.parse(e.getString("validFrom"));
    LocalDate to = LocalDate.parse(e.getString("validTo"));
    try {
      new Exemption(0, e.getString("studentId"), item, percent, amount, from, to);
    } catch (IllegalArgumentException bad) {
      return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID, "exemption-invalid", bad.getMessage()));
    }
    return tx.preparedQuery(STUDENT_OF_SCHOOL).execute(Tuple.of(e.getString("studentId"), school))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID,
            "student-unknown", "not a student of this school: " + e.getString("studentId"))) : Future.succeededFuture())
        .compose(ok -> item == null ? Future.succeededFuture() : tx.preparedQuery(ITEM_OF_SCHOOL).execute(Tuple.of(item, school))
            .compose(rows -> rows.size() == 0 ? Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID,
                "fee-item-unknown", "no fee item " + item + " at this school")) : Future.succeededFuture()))
        .compose(ok -> tx.preparedQuery(INSERT).execute(Tuple.of(school, e.getString("studentId"), item, percent, amount,
            e.getString("documentRef"), from, to)))
        .compose(rows -> one(tx, school, rows.iterator().next().getLong("id")));
  }

  public static Future<JsonObject> one(SqlClient client, String school, long id) {
    return client.preparedQuery(ONE).execute(Tuple.of(id, school)).map(rows -> {
      if (rows.size() == 0) {
        throw PaymentRefusal.notFound();
      }
      return rows.iterator().next().getJsonObject("e");
    });
  }

  public static Future<JsonArray> list(SqlClient client, String school, String studentId) {
    return client.preparedQuery(LIST).execute(Tuple.of(school, studentId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(r.getJsonObject("e")));
      return out;
    });
  }

  /** Revokes it for invoices issued from now on; completes with {@code {before, after}}. */
  public static Future<JsonObject> revoke(SqlClient tx, String school, long id) {
    return one(tx, school, id).compose(before -> tx.preparedQuery(REVOKE).execute(Tuple.of(id, school))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.CONFLICT, "exemption-revoked", "already revoked"))
            : one(tx, school, id).map(after -> new JsonObject().put("before", before).put("after", after))));
  }
}
