package vn.lienlac.payment.statement;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.lienlac.payment.csv.Csv;
import vn.lienlac.payment.statement.BankTransaction.Direction;

/**
 * The CSV form of a statement (PAYMENTS.md): {@code bank_txn_id,account_number,booked_at,amount,
 * direction,memo,payer_name,payer_account}, UTF-8, RFC 4180 quoting; columns in any order, extra ones
 * ignored. A debit whose memo names an earlier bank_txn_id is a reversal: that is decided by
 * reconciliation, which knows the earlier transactions, not here.
 */
final class TransactionCsvParser {

  static final List<String> REQUIRED = List.of("bank_txn_id", "account_number", "booked_at", "amount", "direction");

  private TransactionCsvParser() {}

  static Statement parse(String text) {
    List<List<String>> rows;
    try {
      rows = Csv.parse(text);
    } catch (Csv.CsvFormatException e) {
      throw new StatementFormatException(e.getMessage());
    }
    if (rows.isEmpty()) {
      throw new StatementFormatException("the CSV file is empty; expected a header row");
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> header = rows.get(0);
    for (int i = 0; i < header.size(); i++) {
      columns.put(header.get(i).strip().replace("\uFEFF", ""), i);
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        throw new StatementFormatException("line 1: the header has no '" + required + "' column (needs " + REQUIRED + ")");
      }
    }
    List<BankTransaction> transactions = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      String where = "line " + (r + 1);
      String id = required(row, columns, "bank_txn_id", where);
      String account = required(row, columns, "account_number", where);
      Instant booked = instant(required(row, columns, "booked_at", where), where);
      long amount = Vnd.amount(required(row, columns, "amount", where), where);
      Direction direction = switch (required(row, columns, "direction", where).toUpperCase()) {
        case "C" -> Direction.CREDIT;
        case "D" -> Direction.DEBIT;
        default -> throw new StatementFormatException(where + ": direction must be C or D, got '"
            + row.get(columns.get("direction")) + "'");
      };
      transactions.add(new BankTransaction(account, id, booked, amount, direction, false,
          optional(row, columns, "memo"), optional(row, columns, "payer_name"), optional(row, columns, "payer_account")));
    }
    return new Statement(Statement.StatementFormat.CSV, List.copyOf(transactions), List.of());
  }

  private static String required(List<String> row, Map<String, Integer> columns, String name, String where) {
    String value = optional(row, columns, name);
    if (value == null) {
      throw new StatementFormatException(where + ": " + name + " is empty");
    }
    return value;
  }

  private static String optional(List<String> row, Map<String, Integer> columns, String name) {
    Integer i = columns.get(name);
    if (i == null || i >= row.size()) {
      return null;
    }
    String v = row.get(i).strip();
    return v.isEmpty() ? null : v;
  }

  /** ISO-8601 with an offset, or without one meaning Vietnam time. */
  private static Instant instant(String text, String where) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atZone(Vnd.VIETNAM).toInstant();
      } catch (DateTimeParseException e) {
        throw new StatementFormatException(where + ": booked_at '" + text + "' is not an ISO-8601 date-time");
      }
    }
  }
}
