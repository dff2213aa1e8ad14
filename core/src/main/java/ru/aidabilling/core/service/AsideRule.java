package ru.aidabilling.core.service;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Whether a sync's billing lookup is worth running on a second thread beside its customer read.
 *
 * <p>Side by side, a sync waits for the longer of the two calls instead of their sum, so the
 * overlap saves the shorter one; the hand-off to another thread and back costs CPU on every sync
 * (about 15 % of a sync's CPU against upstreams that answer at once) and, while the lookup runs, a
 * second thread with its stack. So the lookup goes aside only while <b>at least three quarters of
 * the recent calls of each upstream took {@link #DEFAULT_THRESHOLD} (2 ms) or longer</b>, i.e.
 * while the 25th percentile of both is above it. For each of the two (FreeScout's customer read,
 * billing's lookup) it keeps a moving estimate of the share of calls that took that long (each call
 * moves it 1/16 of the way to 1 or to 0, so it follows about the last 16–30 calls). Real upstreams
 * (tens of milliseconds) stay side by side as before; upstreams that answer within 2 ms a quarter
 * of the time or more are called one after the other on the request's thread.
 *
 * <p>Why a low percentile and why 2 ms: under full load on two cores with stubs that answer at
 * once, a call's wall time includes waiting for a core: on a quiet machine 28 % of the billing
 * lookups took longer than 1 ms and 19 % longer than 2 ms; with other builds beside it (load 12–17)
 * 25–49 % of both upstreams' calls took longer than 2 ms, so that their median sat near the
 * threshold (benchmarks/README.md, CPU per request, twelfth session). A mean or the median would
 * hand the lookups back to a second thread exactly when CPU is scarcest. Below 2 ms the overlap
 * saves at most 2 ms of a sync. The price: an upstream that answers a quarter of its calls fast (a
 * cache in front of it) and the rest slowly loses the overlap.
 *
 * <p>It starts as if both upstreams were slow (side by side, the behaviour before this rule), so a
 * slow start-up changes nothing; 5 calls within the threshold of either upstream turn it off, about
 * 22 slower ones of both (after a long fast spell) turn it on again. A call that fails counts with
 * the time it took (a time-out as slow).
 *
 * <p>Thread-safe and lock-free: each estimate is one volatile int, updated with a plain read and
 * write, so two calls that end at the same moment may lose one of their updates; an estimate needs
 * no more, and every value written stays in range.
 */
final class AsideRule {
  /** A call at least this long counts as slow. */
  static final Duration DEFAULT_THRESHOLD = Duration.ofMillis(2);

  /** 1.0 in the estimates' fixed point. */
  static final int ONE = 1 << 16;

  /** The share of slow calls, of both upstreams, that makes the overlap pay: three quarters. */
  static final int AT_LEAST = ONE / 4 * 3;

  /** Each call moves an estimate 1/2^SHIFT of the way towards its own 0 or 1. */
  private static final int SHIFT = 4;

  private final LongSupplier nanoTime;
  private final long thresholdNanos;
  private volatile int slowReads = ONE;
  private volatile int slowLookups = ONE;

  AsideRule(LongSupplier nanoTime, Duration threshold) {
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.thresholdNanos = threshold.toNanos();
  }

  /** The rule on {@link System#nanoTime} with {@link #DEFAULT_THRESHOLD}. */
  static AsideRule systemDefault() {
    return new AsideRule(System::nanoTime, DEFAULT_THRESHOLD);
  }

  /** Whether the next sync should look billing up aside. */
  boolean pays() {
    return slowReads >= AT_LEAST && slowLookups >= AT_LEAST;
  }

  /** The start of a call, for {@link #readTook} or {@link #lookupTook}. */
  long start() {
    return nanoTime.getAsLong();
  }

  /** A customer read that began at {@code start} has ended. */
  void readTook(long start) {
    slowReads = next(slowReads, start);
  }

  /** A billing lookup that began at {@code start} has ended. */
  void lookupTook(long start) {
    slowLookups = next(slowLookups, start);
  }

  /** The share of recent customer reads that were slow, in {@link #ONE}s. */
  int slowReads() {
    return slowReads;
  }

  /** The share of recent billing lookups that were slow, in {@link #ONE}s. */
  int slowLookups() {
    return slowLookups;
  }

  private int next(int estimate, long start) {
    int sample = nanoTime.getAsLong() - start >= thresholdNanos ? ONE : 0;
    return estimate + ((sample - estimate) >> SHIFT);
  }
}
