package vn.lienlac.payment.ledger.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import vn.lienlac.payment.ledger.JournalEntry;
import vn.lienlac.payment.ledger.JournalLine;
import vn.lienlac.payment.ledger.Ledger;

/** The ledger in tables payment.journal_entry and payment.journal_line: one statement per entry. */
public final class PostgresLedger implements Ledger {

  private static final String POST = """
      WITH entry AS (
        INSERT INTO payment.journal_entry
          (school_code, kind, invoice_id, bank_transaction_id, application_id, reverses_entry_id, description)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        RETURNING id
      ), lines AS (
        INSERT INTO payment.journal_line (entry_id, line_no, account, amount)
        SELECT entry.id, l.ord, l.account, l.amount
        FROM entry, unnest($8::text[], $9::bigint[]) WITH ORDINALITY AS l(account, amount, ord)
      )
      SELECT id FROM entry""";

  private static final String BALANCE = "SELECT coalesce(sum(amount), 0) FROM payment.journal_line WHERE account = $1";

  @Override
  public Future<Long> post(SqlClient tx, JournalEntry entry) {
    String[] accounts = entry.lines().stream().map(JournalLine::account).toArray(String[]::new);
    Long[] amounts = entry.lines().stream().map(JournalLine::amount).toArray(Long[]::new);
    Tuple params = Tuple.of(entry.schoolCode(), entry.kind(), entry.invoiceId(), entry.bankTransactionId(),
            entry.applicationId(), entry.reversesEntryId(), entry.description())
        .addArrayOfString(accounts).addArrayOfLong(amounts);
    return tx.preparedQuery(POST).execute(params).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Long> balance(SqlClient client, String account) {
    return client.preparedQuery(BALANCE).execute(Tuple.of(account)).map(rows -> {
      Row row = rows.iterator().next();
      return row.getLong(0);
    });
  }
}
