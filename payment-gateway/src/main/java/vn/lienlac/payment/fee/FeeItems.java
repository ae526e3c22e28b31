package vn.lienlac.payment.fee;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import vn.lienlac.payment.PaymentRefusal;

/**
 * A school's fee items (table {@code payment.fee_item}) and voluntary sign-ups ({@code payment.fee_opt_in}).
 *
 * <p>Decision: an item that an issued invoice uses is <b>never changed</b>; such an update is refused
 * ({@code fee-item-in-use}) and the accountant retires it ({@code retired: true}, always allowed) and
 * creates the new item. Versions inside one row would make every old invoice line point at terms it was
 * not issued under; a new row keeps the history plain and the audit trail shows both.
 */
public final class FeeItems {

  static final String COLUMNS = """
      json_build_object('id', f.id, 'schoolCode', f.school_code, 'schoolYear', f.school_year, 'name', f.name,
        'amount', f.amount, 'unit', f.unit, 'grades', f.grades, 'classCodes', f.class_codes, 'mandatory', f.mandatory,
        'legalBasis', f.legal_basis, 'dueDay', f.due_day, 'retired', f.retired_at IS NOT NULL,
        'inUse', EXISTS (SELECT 1 FROM payment.invoice_line l WHERE l.fee_item_id = f.id),
        'createdAt', f.created_at, 'updatedAt', f.updated_at)""";
  static final String INSERT = """
      INSERT INTO payment.fee_item (school_code, school_year, name, amount, unit, grades, class_codes, mandatory,
                                    legal_basis, due_day)
      VALUES ($1, $2, $3, $4, $5, $6::int[], $7::text[], $8, $9, $10)
      RETURNING id""";
  static final String ONE = "SELECT " + COLUMNS + " AS item FROM payment.fee_item f WHERE f.id = $1 AND f.school_code = $2";
  static final String LOCK = "SELECT id FROM payment.fee_item WHERE id = $1 AND school_code = $2 FOR UPDATE";
  static final String LIST = "SELECT " + COLUMNS + " AS item FROM payment.fee_item f"
      + " WHERE f.school_code = $1 AND ($2::text IS NULL OR f.school_year = $2) ORDER BY f.school_year DESC, f.id LIMIT 1000";
  static final String UPDATE = """
      UPDATE payment.fee_item SET school_year = $2, name = $3, amount = $4, unit = $5, grades = $6::int[],
             class_codes = $7::text[], mandatory = $8, legal_basis = $9, due_day = $10,
             retired_at = CASE WHEN $11 THEN coalesce(retired_at, now()) ELSE NULL END, updated_at = now()
       WHERE school_code = $1 AND id = $12""";
  static final String UNKNOWN_CLASSES = """
      SELECT array_agg(c) FROM unnest($2::text[]) c
       WHERE NOT EXISTS (SELECT 1 FROM directory.school_class k WHERE k.code = c AND k.school_code = $1 AND k.removed_at IS NULL)""";
  static final String OPT_IN = """
      INSERT INTO payment.fee_opt_in (fee_item_id, student_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING""";
  static final String OPT_OUT = "DELETE FROM payment.fee_opt_in WHERE fee_item_id = $1 AND student_id = ANY($2::text[])";
  static final String STUDENTS_NOT_OF_SCHOOL = """
      SELECT array_agg(x) FROM unnest($2::text[]) x
       WHERE NOT EXISTS (SELECT 1 FROM directory.student s JOIN directory.school_class c ON c.code = s.class_code
                          WHERE s.national_id = x AND c.school_code = $1)""";

  private static final List<String> EDITABLE = List.of("schoolYear", "name", "amount", "unit", "grades", "classCodes",
      "mandatory", "legalBasis", "dueDay");

  private FeeItems() {}

  public static Future<JsonObject> create(SqlClient tx, String school, JsonObject f) {
    return checkClasses(tx, school, f.getJsonArray("classCodes", new JsonArray()))
        .compose(ok -> tx.preparedQuery(INSERT).execute(values(school, f)))
        .compose(rows -> one(tx, school, rows.iterator().next().getLong("id")));
  }

  public static Future<JsonArray> list(SqlClient client, String school, String schoolYear) {
    return client.preparedQuery(LIST).execute(Tuple.of(school, schoolYear)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(r.getJsonObject("item")));
      return out;
    });
  }

  public static Future<JsonObject> one(SqlClient client, String school, long id) {
    return client.preparedQuery(ONE).execute(Tuple.of(id, school)).map(rows -> {
      if (rows.size() == 0) {
        throw PaymentRefusal.notFound();
      }
      return rows.iterator().next().getJsonObject("item");
    });
  }

  /** Applies the changes; completes with {@code {before, after}} for the audit trail. */
  public static Future<JsonObject> update(SqlClient tx, String school, long id, JsonObject changes) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id, school))
        .compose(locked -> locked.size() == 0 ? Future.failedFuture(PaymentRefusal.notFound()) : one(tx, school, id))
        .compose(before -> {
          // Compared as JSON values, so 20000 sent as an int and read back as a long count as the same.
          boolean termsChange = EDITABLE.stream().anyMatch(k -> changes.containsKey(k)
              && !new JsonObject().put(k, changes.getValue(k)).equals(new JsonObject().put(k, before.getValue(k))));
          if (termsChange && before.getBoolean("inUse")) {
            return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.CONFLICT, "fee-item-in-use",
                "fee item " + id + " is on issued invoices: retire it and create a new item"));
          }
          JsonObject after = before.copy();
          changes.forEach(e -> after.put(e.getKey(), e.getValue()));
          return checkClasses(tx, school, after.getJsonArray("classCodes"))
              .compose(ok -> tx.preparedQuery(UPDATE).execute(values(school, after)
                  .addBoolean(after.getBoolean("retired", false)).addLong(id)))
              .compose(r -> one(tx, school, id))
              .map(updated -> new JsonObject().put("before", before).put("after", updated));
        });
  }

  /** Signs students up for a voluntary item (or takes them off it); they must be students of the school. */
  public static Future<Void> optIns(SqlClient tx, String school, long id, List<String> students, boolean optedIn) {
    String[] ids = students.toArray(String[]::new);
    return tx.preparedQuery(LOCK).execute(Tuple.of(id, school))
        .compose(locked -> locked.size() == 0 ? Future.failedFuture(PaymentRefusal.notFound())
            : tx.preparedQuery(STUDENTS_NOT_OF_SCHOOL).execute(Tuple.of(school, (Object) ids)))
        .compose(rows -> {
          String[] unknown = rows.iterator().next().getArrayOfStrings(0);
          if (unknown != null) {
            return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID, "student-unknown",
                "not students of this school: " + String.join(", ", unknown)));
          }
          return tx.preparedQuery(optedIn ? OPT_IN : OPT_OUT).execute(Tuple.of(id, (Object) ids)).mapEmpty();
        });
  }

  static Future<Void> checkClasses(SqlClient tx, String school, JsonArray classCodes) {
    String[] codes = classCodes.stream().map(String.class::cast).toArray(String[]::new);
    return tx.preparedQuery(UNKNOWN_CLASSES).execute(Tuple.of(school, (Object) codes)).compose(rows -> {
      Row r = rows.iterator().next();
      String[] unknown = r.getArrayOfStrings(0);
      return unknown == null ? Future.succeededFuture()
          : Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID, "class-unknown",
              "not classes of this school: " + String.join(", ", unknown)));
    });
  }

  private static Tuple values(String school, JsonObject f) {
    FeeItem check = new FeeItem(0, f.getString("name"), f.getLong("amount"), f.getString("unit"), List.of(), List.of(),
        f.getBoolean("mandatory"), f.getInteger("dueDay"));
    Integer[] grades = f.getJsonArray("grades", new JsonArray()).stream().map(g -> ((Number) g).intValue()).toArray(Integer[]::new);
    String[] classes = f.getJsonArray("classCodes", new JsonArray()).stream().map(String.class::cast).toArray(String[]::new);
    List<Object> v = new ArrayList<>(List.of(school, f.getString("schoolYear"), check.name(), check.amount(), check.unit()));
    Tuple t = Tuple.tuple();
    v.forEach(t::addValue);
    return t.addArrayOfInteger(grades).addArrayOfString(classes).addBoolean(check.mandatory())
        .addString(f.getString("legalBasis")).addInteger(check.dueDay());
  }
}
