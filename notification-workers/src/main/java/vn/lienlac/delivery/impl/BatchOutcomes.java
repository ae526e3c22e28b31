package vn.lienlac.delivery.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of a claimed batch's attempts, collected while its sends run and written afterwards in
 * one transaction of set-based statements ({@link AttemptQueue#record}, {@link RecipientAttempts#record}).
 * Used by one worker's event loop only.
 */
public final class BatchOutcomes {

  /** @param units SMS segments, or devices reached for push */
  public record Accepted(ClaimedAttempt attempt, String providerMessageId, int units, long costVnd) {
    public long id() {
      return attempt.id();
    }
  }

  public record Later(long id, Duration delay, String reason) {}

  /** @param state {@code failed} or {@code unknown} */
  public record Finished(long id, String state, String reason) {}

  private final List<Accepted> noticesAccepted = new ArrayList<>();
  private final List<Accepted> recipientsAccepted = new ArrayList<>();
  private final List<Later> retries = new ArrayList<>();
  private final List<Later> held = new ArrayList<>();
  private final List<Finished> finished = new ArrayList<>();

  public void accepted(ClaimedAttempt attempt, String providerMessageId, int units, long costVnd) {
    (attempt.forRecipient() ? recipientsAccepted : noticesAccepted)
        .add(new Accepted(attempt, providerMessageId, units, costVnd));
  }

  public void retryLater(long id, Duration delay, String reason) {
    retries.add(new Later(id, delay, reason));
  }

  /** A recipient attempt held back by an open circuit breaker (the sweep may start the next step). */
  public void held(long id, Duration delay, String reason) {
    held.add(new Later(id, delay, reason));
  }

  public void finish(long id, String state, String reason) {
    finished.add(new Finished(id, state, reason));
  }

  public List<Accepted> noticesAccepted() {
    return noticesAccepted;
  }

  public List<Accepted> recipientsAccepted() {
    return recipientsAccepted;
  }

  public List<Later> retries() {
    return retries;
  }

  public List<Later> held() {
    return held;
  }

  public List<Finished> finished() {
    return finished;
  }

  public boolean isEmpty() {
    return noticesAccepted.isEmpty() && recipientsAccepted.isEmpty() && retries.isEmpty() && held.isEmpty()
        && finished.isEmpty();
  }
}
