package vn.lienlac.payment.invoice;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.lienlac.payment.PaymentRefusal;
import vn.lienlac.payment.ledger.Ledger;

/**
 * Previews and issues invoice batches. Issuing is one transaction (a school has at most a few thousand
 * students): the batch row, every invoice with its lines and reference, households, the ledger entry of
 * each invoice and the student credit it uses commit together or not at all. The same
 * {@code (school, batch key)} issues once: a repeat returns the batch already issued; the same key with
 * a different request is refused ({@code batch-key-reused}). Issues of one school are serialised by an
 * advisory lock, so a student's credit is never used twice by two batches at once.
 */
public final class InvoiceBatches {

  static final String LOCK_SCHOOL = "SELECT pg_advisory_xact_lock(hashtext('payment.invoice_batch:' || $1))";
  static final String EXISTING = """
      SELECT id, request_hash, invoice_count, total_amount, credit_used FROM payment.invoice_batch
       WHERE school_code = $1 AND batch_key = $2""";
  static final String INSERT_BATCH = """
      INSERT INTO payment.invoice_batch (school_code, batch_key, request_hash, period_label, period_month, fee_item_ids,
                                         class_codes, grades, invoice_count, total_amount, credit_used, issued_by)
      VALUES ($1, $2, $3, $4, $5, $6::bigint[], $7::text[], $8::int[], $9, $10, $11, $12) RETURNING id""";
  static final String GUARDIAN_LINKS = """
      SELECT gs.student_id, gs.guardian_id FROM directory.guardian_student gs
        JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
       WHERE gs.removed_at IS NULL AND gs.student_id = ANY($1::text[])
       ORDER BY gs.student_id, gs.guardian_id""";
  /** Credit balances of the students' {@code student_credit:<id>} accounts (credit-normal: the negated sum). */
  static final String CREDITS = """
      SELECT substr(account, length('student_credit:') + 1) AS student_id, -sum(amount) AS available
        FROM payment.journal_line WHERE account = ANY($1::text[]) GROUP BY account HAVING sum(amount) < 0""";
  static final String RESERVE_INVOICE_IDS = "SELECT nextval('payment.invoice_id_seq') AS id FROM generate_series(1, $1)";
  static final String RESERVE_HOUSEHOLD_IDS = "SELECT nextval('payment.household_id_seq') AS id FROM generate_series(1, $1)";
  static final String INSERT_HOUSEHOLDS = """
      INSERT INTO payment.household (id, batch_id, reference, guardian_ids)
      SELECT h.id, $1, h.reference, string_to_array(h.guardians, ',')::bigint[]
        FROM unnest($2::bigint[], $3::text[], $4::text[]) AS h(id, reference, guardians)""";
  static final String INSERT_INVOICES = """
      INSERT INTO payment.invoice (id, school_code, student_id, batch_id, period_label, reference, household_reference,
                                   amount_due, amount_paid, due_date, status, class_code)
      SELECT i.id, $1, i.student_id, $2, $3, i.reference, i.household, i.due, i.paid, i.due_date,
             CASE WHEN i.paid = 0 THEN 'open' WHEN i.paid < i.due THEN 'partially_paid' ELSE 'paid' END, i.class_code
        FROM unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::date[], $11::text[])
             AS i(id, student_id, reference, household, due, paid, due_date, class_code)""";
  static final String INSERT_LINES = """
      INSERT INTO payment.invoice_line (invoice_id, line_no, fee_item_id, description, base_amount, exemption_id, discount,
                                        amount, due_date)
      SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[],
                           $8::bigint[], $9::date[])""";
  static final String INSERT_CREDIT_USED = """
      INSERT INTO payment.application (invoice_id, student_id, amount, kind, applied_by)
      SELECT * , 'credit_used', $4 FROM unnest($1::bigint[], $2::text[], $3::bigint[]) RETURNING id, invoice_id, student_id, amount""";

  /** The outcome; {@code guardians} maps each linked guardian to their children's new invoices (empty on a replay). */
  public record Issued(long batchId, boolean replayed, int invoiceCount, long totalAmount, long creditUsed,
                       Map<Long, List<Long>> guardians) {}

  private final Ledger ledger;

  public InvoiceBatches(Ledger ledger) {
    this.ledger = ledger;
  }

  /** What issuing this request now would write; nothing is written. */
  public Future<BatchPlan> preview(SqlClient client, BatchRequest request) {
    return BatchInputs.plan(client, request);
  }

  /** Issues the batch in the caller's transaction ({@code issuedBy}: the staff subject). */
  public Future<Issued> issue(SqlClient tx, BatchRequest r, String issuedBy) {
    return tx.preparedQuery(LOCK_SCHOOL).execute(Tuple.of(r.schoolCode()))
        .compose(locked -> tx.preparedQuery(EXISTING).execute(Tuple.of(r.schoolCode(), r.batchKey())))
        .compose(existing -> {
          if (existing.size() > 0) {
            Row b = existing.iterator().next();
            if (!b.getString("request_hash").equals(r.hash())) {
              return Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.CONFLICT, "batch-key-reused",
                  "batch key " + r.batchKey() + " already issued a different batch"));
            }
            return Future.succeededFuture(new Issued(b.getLong("id"), true, b.getInteger("invoice_count"),
                b.getLong("total_amount"), b.getLong("credit_used"), Map.of()));
          }
          return BatchInputs.plan(tx, r).compose(plan -> plan.invoices().isEmpty()
              ? Future.failedFuture(new PaymentRefusal(PaymentRefusal.Kind.INVALID, "batch-empty",
                  "no active student of the chosen classes owes any of these fees"))
              : write(tx, r, plan, issuedBy));
        });
  }

  private Future<Issued> write(SqlClient tx, BatchRequest r, BatchPlan plan, String issuedBy) {
    List<BatchPlan.Invoice> invoices = plan.invoices();
    String[] students = invoices.stream().map(i -> i.student().studentId()).toArray(String[]::new);
    String[] creditAccounts = invoices.stream().map(i -> "student_credit:" + i.student().studentId()).toArray(String[]::new);
    Map<String, List<Long>> guardiansOf = new TreeMap<>();
    Map<String, Long> credit = new HashMap<>();
    return tx.preparedQuery(GUARDIAN_LINKS).execute(Tuple.of((Object) students))
        .compose(links -> {
          for (String s : students) {
            guardiansOf.put(s, new ArrayList<>());
          }
          links.forEach(l -> guardiansOf.get(l.getString("student_id")).add(l.getLong("guardian_id")));
          return tx.preparedQuery(CREDITS).execute(Tuple.of((Object) creditAccounts));
        })
        .compose(credits -> {
          credits.forEach(c -> credit.put(c.getString("student_id"), c.getLong("available")));
          return tx.preparedQuery(RESERVE_INVOICE_IDS).execute(Tuple.of(invoices.size()));
        })
        .compose(ids -> {
          IssuePlan issue = IssuePlan.of(plan, ids, guardiansOf, credit);
          return tx.preparedQuery(RESERVE_HOUSEHOLD_IDS).execute(Tuple.of(issue.households().size()))
              .compose(hids -> {
                issue.numberHouseholds(hids);
                return tx.preparedQuery(INSERT_BATCH).execute(Tuple.tuple().addString(r.schoolCode()).addString(r.batchKey())
                    .addString(r.hash()).addString(r.periodLabel()).addLocalDate(r.month().atDay(1))
                    .addArrayOfLong(r.feeItemIds().toArray(Long[]::new)).addArrayOfString(r.classCodes().toArray(String[]::new))
                    .addArrayOfInteger(r.grades().toArray(Integer[]::new)).addInteger(invoices.size())
                    .addLong(plan.total()).addLong(issue.creditUsed()).addString(issuedBy));
              })
              .compose(batch -> {
                long batchId = batch.iterator().next().getLong("id");
                return issue.write(tx, ledger, r, batchId, issuedBy)
                    .map(v -> new Issued(batchId, false, invoices.size(), plan.total(), issue.creditUsed(),
                        issue.invoicesByGuardian()));
              });
        });
  }
}
