package vn.lienlac.delivery;

/**
 * Where delivery keeps its work queue ({@code attempt}); migrations in {@code db/delivery}. They refer
 * to {@code messaging.notice}, so they run after the messaging schema's.
 */
public final class DeliverySchema {
  public static final String NAME = "delivery";
  public static final String MIGRATIONS = "db/delivery";
  /** The {@code NOTIFY} channel that wakes the workers when work is queued. */
  public static final String WAKE_CHANNEL = "delivery_due";

  private DeliverySchema() {}
}
