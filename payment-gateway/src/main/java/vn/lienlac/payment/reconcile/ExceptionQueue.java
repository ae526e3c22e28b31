package vn.lienlac.payment.reconcile;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts credits a person must decide about into the accountants' queue: the reason, and up to three
 * ranked suggestions (the invoices the memo named, if any, else {@link SuggestionRanking} over the open
 * invoices of the school with exactly the credit's amount outstanding, by student and guardian names).
 * State {@code suggested} when there is a suggestion, else {@code unmatched}.
 */
public final class ExceptionQueue {

  /**
   * Candidates of one school: a school never has more open invoices of one amount than this; if it ever
   * does, ranking a cut-off list could suggest the wrong family, so nothing is suggested by name then.
   */
  static final int MAX_CANDIDATES = 5_000;

  private static final String CANDIDATES = """
      SELECT i.id, i.due_date, s.full_name, coalesce(array_agg(g.full_name) FILTER (WHERE g.id IS NOT NULL), '{}')
      FROM payment.invoice i
      LEFT JOIN directory.student s ON s.national_id = i.student_id
      LEFT JOIN directory.guardian_student gs ON gs.student_id = i.student_id AND gs.removed_at IS NULL
      LEFT JOIN directory.guardian g ON g.id = gs.guardian_id AND g.removed_at IS NULL
      WHERE i.school_code = $1 AND i.status IN ('open', 'partially_paid') AND i.amount_due - i.amount_paid = $2
      GROUP BY i.id, i.due_date, s.full_name
      ORDER BY i.id LIMIT $3""";

  private static final String NOTE = """
      INSERT INTO payment.recon_queue_note (bank_transaction_id, school_code, reason) VALUES ($1, $2, $3)
      ON CONFLICT (bank_transaction_id) DO UPDATE SET reason = EXCLUDED.reason, noted_at = now()""";

  private static final String RENOTE = """
      INSERT INTO payment.recon_queue_note (bank_transaction_id, school_code, reason)
      SELECT b.id, a.school_code, $2 FROM payment.bank_transaction b LEFT JOIN payment.collection_account a USING (account_number)
      WHERE b.id = $1
      ON CONFLICT (bank_transaction_id) DO UPDATE SET reason = EXCLUDED.reason, noted_at = now()""";

  private static final String CLEAR_SUGGESTIONS = "DELETE FROM payment.recon_suggestion WHERE bank_transaction_id = $1";
  private static final String FORGET_NOTE = "DELETE FROM payment.recon_queue_note WHERE bank_transaction_id = $1";
  private static final String SUGGEST = """
      INSERT INTO payment.recon_suggestion (bank_transaction_id, rank, invoice_id, why)
      SELECT $1, s.rank, s.invoice_id, s.why FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS s(invoice_id, why, rank)""";
  private static final String HAS_SUGGESTIONS = "SELECT count(*) FROM payment.recon_suggestion WHERE bank_transaction_id = $1";

  /** Queues the credit; completes with its new state, {@code suggested} or {@code unmatched}. */
  public Future<String> enqueue(SqlConnection tx, BankRow t, String reason, List<String> named) {
    Future<List<String[]>> suggestions = named.isEmpty() ? ranked(tx, t)
        : Future.succeededFuture(named.stream().limit(SuggestionRanking.MAX)
            .map(id -> new String[] {id, "named in the memo"}).toList());
    return suggestions.compose(list -> note(tx, t, reason)
        .compose(v -> tx.preparedQuery(CLEAR_SUGGESTIONS).execute(Tuple.of(t.id())))
        .compose(v -> list.isEmpty() ? Future.succeededFuture()
            : tx.preparedQuery(SUGGEST).execute(Tuple.of(t.id(),
                list.stream().map(s -> Long.parseLong(s[0])).toArray(Long[]::new),
                list.stream().map(s -> s[1]).toArray(String[]::new))).mapEmpty())
        .compose(v -> {
          String state = list.isEmpty() ? "unmatched" : "suggested";
          return CreditApplier.setState(tx, t.id(), state).map(state);
        }));
  }

  /** Back into the queue after a decision was undone, with the suggestions it had. */
  public Future<String> requeue(SqlConnection tx, long bankTransactionId, String reason) {
    return tx.preparedQuery(HAS_SUGGESTIONS).execute(Tuple.of(bankTransactionId)).compose(rows -> {
      String state = rows.iterator().next().getLong(0) > 0 ? "suggested" : "unmatched";
      return tx.preparedQuery(RENOTE).execute(Tuple.of(bankTransactionId, reason))
          .compose(v -> CreditApplier.setState(tx, bankTransactionId, state)).map(state);
    });
  }

  /** Records why a transaction was left as it is (queued, ignored). */
  Future<Void> note(SqlConnection tx, BankRow t, String reason) {
    return tx.preparedQuery(NOTE).execute(Tuple.of(t.id(), t.schoolCode(), reason)).mapEmpty();
  }

  /** The transaction left the queue for good (reversed by the bank). */
  Future<Void> forget(SqlConnection tx, long bankTransactionId) {
    return tx.preparedQuery(FORGET_NOTE).execute(Tuple.of(bankTransactionId)).mapEmpty();
  }

  private Future<List<String[]>> ranked(SqlConnection tx, BankRow t) {
    return tx.preparedQuery(CANDIDATES).execute(Tuple.of(t.schoolCode(), t.amount(), MAX_CANDIDATES + 1)).map(rows -> {
      if (rows.size() > MAX_CANDIDATES) {
        return List.<String[]>of();
      }
      List<SuggestionRanking.Candidate> candidates = new ArrayList<>(rows.size());
      for (Row r : rows) {
        List<String[]> names = new ArrayList<>();
        names.add(SuggestionRanking.nameWords(r.getString(2)));
        for (String guardian : r.getArrayOfStrings(3)) {
          names.add(SuggestionRanking.nameWords(guardian));
        }
        candidates.add(new SuggestionRanking.Candidate(Long.toString(r.getLong(0)), names, r.getLocalDate(1)));
      }
      Set<String[]> out = new LinkedHashSet<>();
      for (SuggestionRanking.Ranked ranked : SuggestionRanking.rank(t.payerName(), t.memo(), t.bookedAt(), candidates)) {
        out.add(new String[] {ranked.invoiceId(), ranked.why()});
      }
      return List.copyOf(out);
    });
  }
}
