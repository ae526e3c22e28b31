package vn.lienlac.payment.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Amounts and dates as statements write them, turned into whole đồng and instants. */
final class Vnd {

  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private Vnd() {}

  /** "1250000", "1250000.00", "1.250.000" is refused; "1250000," and "1250000,00" (MT940) are accepted. */
  static long amount(String text, String where) {
    String s = text == null ? "" : text.strip();
    if (!s.matches("\\d{1,15}([.,]\\d{0,2})?")) {
      throw new StatementFormatException(where + ": amount '" + text + "' is not a plain number of đồng");
    }
    String[] parts = s.split("[.,]", -1);
    if (parts.length == 2 && !parts[1].isEmpty() && Long.parseLong(parts[1]) != 0) {
      throw new StatementFormatException(where + ": amount '" + text + "' has a fraction of a đồng");
    }
    long value = Long.parseLong(parts[0]);
    if (value <= 0) {
      throw new StatementFormatException(where + ": amount must be positive, got '" + text + "'");
    }
    return value;
  }

  /** A date without a time is the start of that day in Vietnam. */
  static Instant startOfDay(LocalDate date) {
    return date.atStartOfDay(VIETNAM).toInstant();
  }
}
