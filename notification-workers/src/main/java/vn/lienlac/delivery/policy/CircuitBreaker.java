package vn.lienlac.delivery.policy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One per provider in each worker process: opens after N consecutive transient failures, then lets one
 * probe through after the cooldown (half-open); the probe's success closes it, its failure re-opens it.
 * A probe whose result never comes back (not sent after all, or its batch lost) is replaced by another
 * after a further cooldown, so the breaker cannot stay half-open for good. While open, attempts are held
 * back and their plans move on to the next channel.
 */
public final class CircuitBreaker {

  public enum State { CLOSED, OPEN, HALF_OPEN }

  private static final long PROBE_WAIT_NANOS = Duration.ofSeconds(1).toNanos();

  private final int threshold;
  private final long cooldownNanos;
  private final LongSupplier nanoTime;
  private int consecutiveFailures;
  private long openedAt;
  private State state = State.CLOSED;
  private boolean probing;
  private long probeAt;

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
        long now = nanoTime.getAsLong();
        if (probing && now - probeAt < cooldownNanos) {
          yield false;
        }
        probing = true;
        probeAt = now;
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

  /**
   * How long held attempts should wait: the rest of the cooldown while open; while a probe is out, until
   * its answer is likely back (at most a second, so they follow a successful probe closely); else zero.
   */
  public synchronized Duration remainingCooldown() {
    if (state == State.HALF_OPEN && probing) {
      long left = Math.max(0, cooldownNanos - (nanoTime.getAsLong() - probeAt));
      return Duration.ofNanos(Math.min(left, PROBE_WAIT_NANOS));
    }
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
