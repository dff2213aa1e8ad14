package ru.aidabilling.http.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API token: {@code perSecond} requests a second on average, bursts up to {@code
 * burst}. The module's single token carries every agent's clicks, so the limit is per token, not
 * per address. Keys are token digests, so the map holds at most one bucket per configured token.
 */
final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param perSecond 0 turns the limiter off
   */
  RateLimiter(int perSecond, int burst, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one request's token.
   *
   * @return 0 when the request may go, else the whole seconds to wait before the next one will
   */
  long acquire(String key) {
    if (perSecond <= 0) {
      return 0;
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong())).take();
  }

  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized long take() {
      long now = nanoTime.getAsLong();
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
  }
}
