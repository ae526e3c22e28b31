package vn.lienlac.payment.intake;

/** A bank notification whose body cannot be used; {@code field} names the member at fault. */
public final class NotificationException extends IllegalArgumentException {

  private final String field;

  public NotificationException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
