package vn.lienlac.payment.intake;

/** What intake counts for operations (the launcher backs it with Prometheus meters). */
public interface IntakeMetrics {

  IntakeMetrics NONE = new IntakeMetrics() {
    @Override
    public void recorded(Source source, boolean isNew) {}

    @Override
    public void missedNotifications(Source foundBy, int count) {}
  };

  /** A transaction arrived from a source; new or already known. */
  void recorded(Source source, boolean isNew);

  /** Credits that no webhook reported, found by a statement or a pull: each is a notification we lost. */
  void missedNotifications(Source foundBy, int count);
}
