package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When the billing lookup goes aside: the 25th percentile of both upstreams' calls against 2 ms.
 */
class AsideRuleTest {
  final AtomicLong nanos = new AtomicLong();
  final AsideRule rule = new AsideRule(nanos::get, AsideRule.DEFAULT_THRESHOLD);

  void read(Duration took) {
    long start = rule.start();
    nanos.addAndGet(took.toNanos());
    rule.readTook(start);
  }

  void lookup(Duration took) {
    long start = rule.start();
    nanos.addAndGet(took.toNanos());
    rule.lookupTook(start);
  }

  void both(Duration took, int times) {
    for (int i = 0; i < times; i++) {
      read(took);
      lookup(took);
    }
  }

  @Test
  void itStartsSideBySideAsBeforeTheRule() {
    assertTrue(rule.pays());
    assertEquals(AsideRule.ONE, rule.slowReads());
    assertEquals(AsideRule.ONE, rule.slowLookups());
  }

  @Test
  void fiveFastCallsTurnItOffAndTwentyTwoSlowOnesTurnItBackOn() {
    both(Duration.ofMillis(1), 4);
    assertTrue(rule.pays());
    both(Duration.ofMillis(1), 1);
    assertFalse(rule.pays());

    both(Duration.ofMillis(1), 200); // long enough to forget every slow call
    assertEquals(0, rule.slowReads());
    both(Duration.ofMillis(2), 21);
    assertFalse(rule.pays());
    both(Duration.ofMillis(2), 1);
    assertTrue(rule.pays());
  }

  @Test
  void twoMillisecondsIsSlowAndJustUnderIsFast() {
    both(AsideRule.DEFAULT_THRESHOLD.minusNanos(1), 40);
    assertTrue(rule.slowReads() < AsideRule.ONE / 10, "" + rule.slowReads());
    assertFalse(rule.pays());
    both(AsideRule.DEFAULT_THRESHOLD, 40);
    assertTrue(rule.slowReads() > AsideRule.ONE * 9 / 10, "" + rule.slowReads());
    assertTrue(rule.pays());
  }

  @Test
  void theShorterCallDecides() {
    for (int i = 0; i < 40; i++) {
      read(Duration.ofMillis(50));
      lookup(Duration.ofMillis(1)); // the overlap would save at most this
    }
    assertFalse(rule.pays());
    for (int i = 0; i < 40; i++) {
      read(Duration.ofMillis(1));
      lookup(Duration.ofMillis(50));
    }
    assertFalse(rule.pays());
    both(Duration.ofMillis(30), 40);
    assertTrue(rule.pays());
  }

  @Test
  void aQuarterOfFastCallsKeepsItInLine() {
    // a fast upstream whose calls wait for a core two times in three (a loaded machine): the mean
    // and the median are far above 2 ms, the 25th percentile under it
    for (int i = 0; i < 300; i++) {
      Duration took = i % 3 == 0 ? Duration.ofMillis(1) : Duration.ofMillis(40);
      read(took);
      lookup(took);
    }
    assertFalse(rule.pays());
    // a slow upstream with a fast answer now and then (one in ten) keeps the overlap
    for (int i = 0; i < 300; i++) {
      Duration took = i % 10 == 0 ? Duration.ofMillis(1) : Duration.ofMillis(40);
      read(took);
      lookup(took);
    }
    assertTrue(rule.pays());
  }

  @Test
  void racingUpdatesKeepTheEstimatesInRange() throws Exception {
    AsideRule shared = new AsideRule(() -> 0L, AsideRule.DEFAULT_THRESHOLD);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 200_000; i++) {
                  long start = shared.start();
                  shared.readTook(start);
                  shared.lookupTook(start - (i % 2 == 0 ? 0 : 10_000_000));
                  int r = shared.slowReads();
                  int l = shared.slowLookups();
                  if (r < 0 || r > AsideRule.ONE || l < 0 || l > AsideRule.ONE) {
                    throw new AssertionError(r + " " + l);
                  }
                }
              }));
    }
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (Thread t : threads) {
      t.setUncaughtExceptionHandler((th, e) -> failures.add(e));
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failures);
    assertFalse(shared.pays()); // the reads took no time
  }
}
