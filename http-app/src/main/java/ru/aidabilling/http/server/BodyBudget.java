package ru.aidabilling.http.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies being received at once, bounded. A body is read whole before the
 * webhook's signature can be checked, and Undertow sets aside the declared length as soon as it
 * starts, so without a bound, a few thousand idle connections that each declare a maximal body
 * would fill the heap before any check runs. A request that does not fit waits for nothing: it is
 * answered 503 at once. Thread-safe.
 */
final class BodyBudget {
  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  BodyBudget(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /** The budget http-app uses: 8 MiB, or twice the largest body when that is more. */
  static BodyBudget forMaxBody(int maxBodyBytes) {
    return new BodyBudget(Math.max(8L << 20, 2L * maxBodyBytes));
  }

  /**
   * The webhook's own budget: 1 MiB, or twice the largest body when that is more. FreeScout sends
   * its deliveries one at a time per event; this is room for a burst of them.
   */
  static BodyBudget forWebhook(int maxBodyBytes) {
    return new BodyBudget(Math.max(1L << 20, 2L * maxBodyBytes));
  }

  /** Takes {@code bytes} when they fit; false (and nothing taken) when they do not. */
  boolean tryTake(long bytes) {
    while (true) {
      long now = used.get();
      if (now + bytes > capacity) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void give(long bytes) {
    used.addAndGet(-bytes);
  }

  long used() {
    return used.get();
  }
}
