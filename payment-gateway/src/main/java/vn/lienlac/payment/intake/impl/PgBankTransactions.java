package vn.lienlac.payment.intake.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.payment.intake.BankTransactions;
import vn.lienlac.payment.intake.Recorded;
import vn.lienlac.payment.intake.Source;
import vn.lienlac.payment.statement.BankTransaction;

/**
 * One autocommit statement inserts; once it has committed, reconciliation is woken
 * ({@link ReconWakeUp}). A conflict means the row exists or is being committed by a concurrent
 * delivery: ON CONFLICT waits for that transaction, and the second statement (a new snapshot) then
 * sees the row and adds our source to {@code seen_by}.
 */
public final class PgBankTransactions implements BankTransactions {

  private static final Logger LOG = LoggerFactory.getLogger(PgBankTransactions.class);

  static final String INSERT = """
      WITH ins AS (
        INSERT INTO payment.bank_transaction (account_number, bank_txn_id, source, direction, amount, memo,
            payer_name, payer_account, booked_at, seen_by, raw, school_code)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ARRAY[$3::text], $10,
            (SELECT ca.school_code FROM payment.collection_account ca WHERE ca.account_number = $1))
        ON CONFLICT (account_number, bank_txn_id) DO NOTHING
        RETURNING id, school_code)
      SELECT id, school_code FROM ins""";

  /** Reads the row as it was before this call and appends the source if it is not there yet. */
  static final String SEEN_AGAIN = """
      WITH cur AS (
        SELECT id, seen_by, school_code, amount, direction FROM payment.bank_transaction
         WHERE account_number = $1 AND bank_txn_id = $2),
      upd AS (
        UPDATE payment.bank_transaction b SET seen_by = array_append(b.seen_by, $3::text)
          FROM cur WHERE b.id = cur.id AND NOT ($3::text = ANY (b.seen_by))
        RETURNING b.id)
      SELECT id, seen_by, school_code, amount, direction FROM cur""";

  private final Pool pool;
  private final ReconWakeUp wakeUp;

  public PgBankTransactions(Pool pool) {
    this.pool = pool;
    this.wakeUp = new ReconWakeUp(pool);
  }

  @Override
  public Future<Recorded> record(Source source, BankTransaction t, JsonObject raw) {
    Tuple insert = Tuple.tuple()
        .addString(t.accountNumber()).addString(t.bankTxnId()).addString(source.code())
        .addString(t.direction() == BankTransaction.Direction.CREDIT ? "C" : "D")
        .addLong(t.amount()).addString(t.memo()).addString(t.payerName()).addString(t.payerAccount())
        .addOffsetDateTime(t.bookedAt().atOffset(ZoneOffset.UTC)).addValue(raw);
    return pool.preparedQuery(INSERT).execute(insert).compose(rows -> {
      if (rows.size() == 1) {
        Row r = rows.iterator().next();
        wakeUp.committed(r.getLong("id"));
        return Future.succeededFuture(new Recorded(r.getLong("id"), true, Set.of(), r.getString("school_code")));
      }
      return pool.preparedQuery(SEEN_AGAIN)
          .execute(Tuple.of(t.accountNumber(), t.bankTxnId(), source.code()))
          .map(again -> seenAgain(again, source, t));
    });
  }

  private static Recorded seenAgain(RowSet<Row> rows, Source source, BankTransaction t) {
    if (rows.size() != 1) {
      // Rows are never deleted, so a conflict without a row cannot happen; say so loudly if it does.
      throw new IllegalStateException("bank transaction conflicted on insert but is not there");
    }
    Row r = rows.iterator().next();
    String direction = t.direction() == BankTransaction.Direction.CREDIT ? "C" : "D";
    if (r.getLong("amount") != t.amount() || !direction.equals(r.getString("direction"))) {
      // Same bank id, different money: kept as first stored; a person must look (ids are not logged with names).
      LOG.warn("bank transaction {} reported by {} with a different amount or direction than stored; kept the stored one",
          r.getLong("id"), source.code());
    }
    Set<String> before = Arrays.stream(r.getArrayOfStrings("seen_by")).collect(Collectors.toUnmodifiableSet());
    return new Recorded(r.getLong("id"), false, before, r.getString("school_code"));
  }
}
