package vn.lienlac.payment.statement;

/** A statement file that cannot be read; the message says where (line or element) and what is wrong. */
public final class StatementFormatException extends IllegalArgumentException {
  public StatementFormatException(String message) {
    super(message);
  }
}
