package vn.lienlac.messaging;

/**
 * Where messaging keeps its own rows (notices today; messages and recipients with the messaging
 * issue); its Flyway migrations are in {@code db/messaging}.
 */
public final class MessagingSchema {
  public static final String NAME = "messaging";
  public static final String MIGRATIONS = "db/messaging";

  private MessagingSchema() {}
}
