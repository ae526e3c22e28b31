package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily reconciliation of a school: for each day (Vietnam time, by booking date) the bank credits
 * and where their money went: applied to invoices or students' credit, still unapplied (new or
 * waiting in the queue), refunded, not a fee, reversed by the bank. The parts always add up to the
 * credits; {@code balanced} says so, and a false one is a bug to look at.
 */
public final class DailyReport {

  /** One day of one school, amounts in đồng. */
  public record Day(LocalDate date, String schoolCode, long credits, long creditCount, long applied, long unapplied,
                    long refunded, long notFee, long reversed) {

    public boolean balanced() {
      return credits == applied + unapplied + refunded + notFee + reversed;
    }

    public JsonObject toJson() {
      return new JsonObject().put("date", date.toString()).put("schoolCode", schoolCode).put("credits", credits)
          .put("creditCount", creditCount).put("applied", applied).put("unapplied", unapplied).put("refunded", refunded)
          .put("notFee", notFee).put("reversed", reversed).put("balanced", balanced());
    }

    public static final String CSV_HEADER = "date,school_code,credits,credit_count,applied,unapplied,refunded,not_fee,reversed,balanced";

    public String toCsv() {
      return date + "," + schoolCode + "," + credits + "," + creditCount + "," + applied + "," + unapplied + ","
          + refunded + "," + notFee + "," + reversed + "," + balanced();
    }
  }

  private static final String DAYS = """
      WITH credit AS (
        SELECT b.id, b.amount, b.recon_state, (b.booked_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day,
               d.kind AS decision
        FROM payment.bank_transaction b
        JOIN payment.collection_account a ON a.account_number = b.account_number AND a.school_code = $1
        LEFT JOIN payment.recon_decision d ON d.bank_transaction_id = b.id AND d.undone_at IS NULL
        WHERE b.direction = 'C' AND b.recon_state <> 'ignored'
          AND b.booked_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
          AND b.booked_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
      )
      SELECT c.day, sum(c.amount)::bigint, count(*),
             coalesce(sum(CASE WHEN c.decision IN ('applied', 'matched') THEN c.amount END), 0)::bigint,
             coalesce(sum(CASE WHEN c.recon_state IN ('new', 'suggested', 'unmatched') THEN c.amount END), 0)::bigint,
             coalesce(sum(CASE WHEN c.decision = 'refund' THEN c.amount END), 0)::bigint,
             coalesce(sum(CASE WHEN c.decision = 'not_fee' THEN c.amount END), 0)::bigint,
             coalesce(sum(CASE WHEN c.recon_state = 'reversed' THEN c.amount END), 0)::bigint
      FROM credit c GROUP BY c.day ORDER BY c.day""";

  private DailyReport() {}

  /** Days from {@code from} to {@code to} inclusive that had credits. */
  public static Future<List<Day>> of(SqlClient client, String school, LocalDate from, LocalDate to) {
    return client.preparedQuery(DAYS).execute(Tuple.of(school, from, to)).map(rows -> {
      List<Day> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Day(r.getLocalDate(0), school, r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
            r.getLong(6), r.getLong(7)));
      }
      return out;
    });
  }
}
