package ru.aidabilling.http.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory of request bodies being received at once, bounded. The API routes read a body whole
 * before they look at it, and Undertow sets aside the declared length as soon as it starts, so
 * without a bound, a few thousand idle connections that each declare a maximal body would fill the
 * heap before any check runs: their budget counts body bytes. The webhook reads its body as it
 * arrives and holds none of it, so each delivery being read costs the same whatever its size: its
 * budget counts deliveries, at that fixed share each. A request that does not fit waits for
 * nothing: it is answered 503 at once. Thread-safe.
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

  /** The most the webhook's budget grows to, however many connections are allowed. */
  static final long WEBHOOK_CEILING = 64L << 20;

  /**
   * The webhook's own budget: room for a delivery's share ({@code deliveryShare}, what reading one
   * costs whatever its size) on every connection the server accepts at once ({@code
   * AIDA_MAX_CONNECTIONS}), so idle unsigned connections cannot hold it: each reads at most one
   * delivery, and the agents' connections count against the same cap. At least 1 MiB; at most 64
   * MiB (past 2 048 connections of 32 KiB, holding it takes that many deliveries at once).
   */
  static BodyBudget forWebhook(int deliveryShare, int maxConnections) {
    long all = (long) deliveryShare * maxConnections;
    return new BodyBudget(Math.max(1L << 20, Math.min(WEBHOOK_CEILING, all)));
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
