package vn.lienlac.payment.reminder;

import java.time.Duration;

/**
 * @param daysBefore remind this many days before the due date (0: on the day)
 * @param daysAfter remind once this many days after the due date, if still unpaid
 * @param every how often the job looks for invoices to remind about
 * @param batch reminders handled per pass and transaction
 */
public record ReminderSettings(int daysBefore, int daysAfter, Duration every, int batch) {

  public ReminderSettings {
    if (daysBefore < 0 || daysAfter < 1) {
      throw new IllegalArgumentException("reminder days: before ≥ 0, after ≥ 1; got " + daysBefore + ", " + daysAfter);
    }
  }
}
