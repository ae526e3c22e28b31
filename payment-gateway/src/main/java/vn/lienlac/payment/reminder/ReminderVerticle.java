package vn.lienlac.payment.reminder;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link InvoiceReminders} on a timer in the workers role; several processes at once send nothing twice. */
public final class ReminderVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ReminderVerticle.class);

  private final InvoiceReminders reminders;
  private final ReminderSettings settings;
  private long timer = -1;

  public ReminderVerticle(InvoiceReminders reminders, ReminderSettings settings) {
    this.reminders = reminders;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(settings.every().toMillis(), id -> reminders.runOnce()
        .onSuccess(n -> LOG.info("invoice reminders: {} handed over", n))
        .onFailure(e -> LOG.warn("invoice reminders failed; they run again in {}", settings.every(), e)));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
