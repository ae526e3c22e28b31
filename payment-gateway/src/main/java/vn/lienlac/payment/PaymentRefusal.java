package vn.lienlac.payment;

/**
 * A request payments will not carry out, and why: a stable problem {@code type} (a key of the API's
 * problem bundles) and the detail for the accountant. Nothing was written when it is raised.
 */
public final class PaymentRefusal extends RuntimeException {

  /** How the API answers it. */
  public enum Kind { NOT_FOUND, CONFLICT, INVALID }

  private final Kind kind;
  private final String type;

  public PaymentRefusal(Kind kind, String type, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
    this.type = type;
  }

  public static PaymentRefusal notFound() {
    return new PaymentRefusal(Kind.NOT_FOUND, "not-found", "no such resource");
  }

  public Kind kind() {
    return kind;
  }

  public String type() {
    return type;
  }
}
