package vn.lienlac.payment.invoice;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import vn.lienlac.payment.reference.PaymentReference;

/** The checked columns of an invoice file; every message names the line and the column. */
final class InvoiceColumns {

  private InvoiceColumns() {}

  static long number(String text, String column, String where) {
    if (!text.matches("\\d{1,11}")) {
      throw new IllegalArgumentException(where + ": " + column + " must be a whole number from 1 to "
          + PaymentReference.MAX_NUMBER + ", got '" + text + "'");
    }
    long n = Long.parseLong(text);
    if (n < 1 || n > PaymentReference.MAX_NUMBER) {
      throw new IllegalArgumentException(where + ": " + column + " " + n + " is outside 1 to " + PaymentReference.MAX_NUMBER);
    }
    return n;
  }

  static long amount(String text, String where) {
    if (!text.matches("[1-9]\\d{0,12}")) {
      throw new IllegalArgumentException(where + ": amount_due must be whole đồng (1 to 13 digits), got '" + text + "'");
    }
    return Long.parseLong(text);
  }

  static LocalDate date(String text, String where) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": due_date must be YYYY-MM-DD, got '" + text + "'");
    }
  }
}
