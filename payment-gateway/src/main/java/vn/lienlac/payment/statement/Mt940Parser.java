package vn.lienlac.payment.statement;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lienlac.payment.statement.BankTransaction.Direction;

/**
 * SWIFT MT940: {@code :25:} account, {@code :61:} statement lines, {@code :86:} the memo of the line
 * before it. Continuation lines belong to the field above. The transaction id is the reference of
 * the {@code :61:} line (the bank's own after {@code //} when the customer's is NONREF).
 */
final class Mt940Parser {

  /** YYMMDD [MMDD] (C|D|RC|RD) [funds code] amount type(4) reference [//bank reference]. */
  private static final Pattern LINE = Pattern.compile(
      "(\\d{6})(\\d{4})?(RC|RD|C|D)([A-Z])?(\\d+,\\d{0,2})([NFS][A-Z0-9]{3})([^/\\r\\n]{0,16}?)(?://([^\\r\\n]{0,16}))?\\s*(?:\\R(.*))?",
      Pattern.DOTALL);

  private Mt940Parser() {}

  static Statement parse(String text) {
    List<BankTransaction> transactions = new ArrayList<>();
    String account = null;
    Pending pending = null;
    List<Field> fields = fields(text);
    for (Field f : fields) {
      switch (f.tag) {
        case "25" -> account = f.value.strip();
        case "61" -> {
          if (pending != null) {
            transactions.add(pending.toTransaction(null));
          }
          if (account == null) {
            throw new StatementFormatException("line " + f.line + ": :61: before any :25: account");
          }
          pending = Pending.of(f, account);
        }
        case "86" -> {
          if (pending != null) {
            transactions.add(pending.toTransaction(f.value.replaceAll("\\s*\\R\\s*", " ").strip()));
            pending = null;
          }
        }
        default -> { }
      }
    }
    if (pending != null) {
      transactions.add(pending.toTransaction(null));
    }
    if (account == null) {
      throw new StatementFormatException("not an MT940 statement: no :25: account field");
    }
    return new Statement(Statement.StatementFormat.MT940, List.copyOf(transactions), List.of());
  }

  private record Field(String tag, String value, int line) {}

  private static List<Field> fields(String text) {
    List<Field> fields = new ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").split("\n");
    StringBuilder value = null;
    String tag = null;
    int startLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher m = Pattern.compile("^:(\\d{2}[A-Z]?):(.*)$").matcher(line);
      if (m.matches()) {
        if (tag != null) {
          fields.add(new Field(tag, value.toString(), startLine));
        }
        tag = m.group(1);
        value = new StringBuilder(m.group(2));
        startLine = i + 1;
      } else if (tag != null && !line.startsWith("-}") && !line.equals("-")) {
        value.append('\n').append(line);
      }
    }
    if (tag != null) {
      fields.add(new Field(tag, value.toString(), startLine));
    }
    return fields;
  }

  private record Pending(String account, String id, LocalDate booked, long amount, Direction direction,
      boolean reversal) {

    static Pending of(Field f, String account) {
      Matcher m = LINE.matcher(f.value.strip());
      if (!m.matches()) {
        throw new StatementFormatException("line " + f.line + ": :61: '" + f.value.strip()
            + "' is not YYMMDD[MMDD](C|D|RC|RD)amount,type reference");
      }
      LocalDate valueDate;
      try {
        valueDate = LocalDate.parse("20" + m.group(1).substring(0, 2) + "-" + m.group(1).substring(2, 4) + "-"
            + m.group(1).substring(4, 6));
      } catch (DateTimeParseException e) {
        throw new StatementFormatException("line " + f.line + ": :61: value date '" + m.group(1) + "' is not a date");
      }
      LocalDate booked = m.group(2) == null ? valueDate : entryDate(valueDate, m.group(2), f.line);
      String mark = m.group(3);
      Direction direction = mark.equals("C") || mark.equals("RD") ? Direction.CREDIT : Direction.DEBIT;
      long amount = Vnd.amount(m.group(5), "line " + f.line);
      String customerRef = m.group(7) == null ? "" : m.group(7).strip();
      String bankRef = m.group(8) == null ? "" : m.group(8).strip();
      String id = customerRef.isEmpty() || customerRef.equals("NONREF") ? bankRef : customerRef;
      if (id.isEmpty()) {
        throw new StatementFormatException("line " + f.line + ": :61: has no reference to identify the transaction");
      }
      return new Pending(account, id, booked, amount, direction, mark.startsWith("R"));
    }

    /** The entry date carries no year: it is the one nearest the value date (statements cross New Year). */
    private static LocalDate entryDate(LocalDate valueDate, String mmdd, int line) {
      try {
        LocalDate sameYear = LocalDate.of(valueDate.getYear(), Integer.parseInt(mmdd.substring(0, 2)),
            Integer.parseInt(mmdd.substring(2)));
        if (sameYear.isAfter(valueDate.plusMonths(6))) {
          return sameYear.minusYears(1);
        }
        if (sameYear.isBefore(valueDate.minusMonths(6))) {
          return sameYear.plusYears(1);
        }
        return sameYear;
      } catch (java.time.DateTimeException | NumberFormatException e) {
        throw new StatementFormatException("line " + line + ": :61: entry date '" + mmdd + "' is not a date");
      }
    }

    BankTransaction toTransaction(String memo) {
      return new BankTransaction(account, id, Vnd.startOfDay(booked), amount, direction, reversal,
          memo == null || memo.isEmpty() ? null : memo, null, null);
    }
  }
}
