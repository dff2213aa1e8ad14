package ru.aidabilling.cli;

import java.util.concurrent.TimeUnit;

/**
 * Spaces out starts to at most R per second (no bursts: falling behind does not earn a catch-up).
 * Used by the single thread that hands customers to the workers.
 */
final class RateLimiter {
  private final long intervalNanos;
  private long next;

  /** {@code perSecond <= 0}: no limit. */
  RateLimiter(double perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : Math.max(1, (long) (1_000_000_000L / perSecond));
  }

  /**
   * Waits for the next start slot.
   *
   * @return false when {@code stop} was set while waiting
   */
  boolean acquire(StopFlag stop) throws InterruptedException {
    if (intervalNanos == 0) {
      return !stop.isStopped();
    }
    long now = System.nanoTime();
    if (next - now < 0) {
      next = now;
    }
    long slot = next;
    next += intervalNanos;
    long wait;
    while ((wait = slot - System.nanoTime()) > 0) {
      if (stop.isStopped()) {
        return false;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
    }
    return !stop.isStopped();
  }
}
