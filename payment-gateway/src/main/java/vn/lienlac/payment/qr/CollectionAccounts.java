package vn.lienlac.payment.qr;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import vn.lienlac.payment.PaymentRefusal;
import vn.lienlac.payment.vietqr.BankBins;

/** The account each school collects fees into (table {@code payment.collection_account}), set by its accountant. */
public final class CollectionAccounts {

  static final String ONE = """
      SELECT json_build_object('schoolCode', school_code, 'bin', bin, 'accountNumber', account_number,
               'bankName', bank_name, 'accountHolder', account_holder, 'updatedAt', updated_at) AS a
        FROM payment.collection_account WHERE school_code = $1""";
  static final String UPSERT = """
      INSERT INTO payment.collection_account (school_code, bin, account_number, bank_name, account_holder, updated_by)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (school_code) DO UPDATE SET bin = EXCLUDED.bin, account_number = EXCLUDED.account_number,
         bank_name = EXCLUDED.bank_name, account_holder = EXCLUDED.account_holder, updated_at = now(),
         updated_by = EXCLUDED.updated_by""";

  private CollectionAccounts() {}

  /** The school's account, or null when none is set yet. */
  public static Future<JsonObject> of(SqlClient client, String school) {
    return client.preparedQuery(ONE).execute(Tuple.of(school))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getJsonObject("a"));
  }

  /** Sets it; completes with {@code {before, after}}. The BIN must be a NAPAS bank's. */
  public static Future<JsonObject> set(SqlClient tx, String school, JsonObject a, String by) {
    if (!BankBins.ALL.containsKey(a.getString("bin"))) {
      return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID, "bank-bin-unknown",
          "unknown bank BIN " + a.getString("bin")));
    }
    return of(tx, school).compose(before -> tx.preparedQuery(UPSERT).execute(Tuple.of(school, a.getString("bin"),
            a.getString("accountNumber"), a.getString("bankName"), a.getString("accountHolder"), by))
        .compose(r -> of(tx, school)).map(after -> new JsonObject().put("before", before).put("after", after)));
  }
}
