package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void aBurstThenTheSteadyRate() {
    RateLimiter limiter = new RateLimiter(50, 100, now::get);

    for (int i = 0; i < 100; i++) {
      assertEquals(0, limiter.acquire("a"), "request " + i + " of the burst");
    }
    assertEquals(1, limiter.acquire("a"));
    now.addAndGet(20_000_000L); // 20 ms at 50/s refills one request
    assertEquals(0, limiter.acquire("a"));
    assertEquals(1, limiter.acquire("a"));
  }

  @Test
  void theWaitIsTheTimeUntilTheNextToken() {
    RateLimiter limiter = new RateLimiter(1, 1, now::get);

    assertEquals(0, limiter.acquire("a"));
    assertEquals(1, limiter.acquire("a"));
    RateLimiter slow = new RateLimiter(1, 3, now::get);
    slow.acquire("b");
    slow.acquire("b");
    slow.acquire("b");
    assertEquals(1, slow.acquire("b"));
  }

  @Test
  void eachKeyHasItsOwnBucketAndTheBucketNeverOverfills() {
    RateLimiter limiter = new RateLimiter(10, 2, now::get);
    limiter.acquire("a");
    limiter.acquire("a");

    assertEquals(0, limiter.acquire("b"));
    now.addAndGet(3_600_000_000_000L); // an hour idle still allows only the burst
    assertEquals(0, limiter.acquire("a"));
    assertEquals(0, limiter.acquire("a"));
    assertEquals(1, limiter.acquire("a"));
  }

  @Test
  void zeroTurnsItOff() {
    RateLimiter limiter = new RateLimiter(0, 1, now::get);

    for (int i = 0; i < 10_000; i++) {
      assertEquals(0, limiter.acquire("a"));
    }
  }
}
