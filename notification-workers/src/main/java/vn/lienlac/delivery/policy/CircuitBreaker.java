package vn.lienlac.delivery.policy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One per provider in each worker process: opens after N consecutive transient failures, then lets one
 * probe through after the cooldown (half-open); the probe's success closes it, its failure re-opens it.
 * While open, attempts are held back and their plans move on to the next channel.
 */
public final class CircuitBreaker {

  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final long cooldownNanos;
  private final LongSupplier nanoTime;
  private int consecutiveFailures;
  private long openedAt;
  private State state = State.CLOSED;
  private boolean probing;

  public CircuitBreaker(int threshold, Duration cooldown, LongSupplier nanoTime) {
    if (threshold < 1) {
      throw new IllegalArgumentException("a circuit breaker opens after at least one failure");
    }
    this.threshold = threshold;
    this.cooldownNanos = cooldown.toNanos();
    this.nanoTime = nanoTime;
  }

  /** True if a call may go now; in half-open state only one probe at a time. */
  public synchronized boolean allow() {
    if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= cooldownNanos) {
      state = State.HALF_OPEN;
      probing = false;
    }
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (probing) {
          yield false;
        }
        probing = true;
        yield true;
      }
    };
  }

  public synchronized void succeeded() {
    consecutiveFailures = 0;
    state = State.CLOSED;
    probing = false;
  }

  /** A transient failure of the provider (5xx, timeout); permanent refusals of one message do not count. */
  public synchronized void failed() {
    consecutiveFailures++;
    if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
      state = State.OPEN;
      openedAt = nanoTime.getAsLong();
      probing = false;
    }
  }

  public synchronized State state() {
    allow0();
    return state;
  }

  /** How long until a probe may go (zero unless open). */
  public synchronized Duration remainingCooldown() {
    if (state != State.OPEN) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(Math.max(0, cooldownNanos - (nanoTime.getAsLong() - openedAt)));
  }

  private void allow0() {
    if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= cooldownNanos) {
      state = State.HALF_OPEN;
      probing = false;
    }
  }
}
