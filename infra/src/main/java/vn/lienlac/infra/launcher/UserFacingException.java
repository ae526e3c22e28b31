package vn.lienlac.infra.launcher;

/** A failure the operator can fix from its message alone; printed without a stack trace. */
public final class UserFacingException extends RuntimeException {
  public UserFacingException(String message) {
    super(message);
  }

  public UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }
}
