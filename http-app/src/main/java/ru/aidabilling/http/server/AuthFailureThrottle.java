package ru.aidabilling.http.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down token guessing: a budget of failed bearer-token checks per client address (a token
 * bucket: {@code perMinute} a minute on average, as many at once). An address over its budget has
 * its requests without a valid token answered 429 until the budget refills, and a guessable token
 * ({@link ServerConfig#isWeak}) it sends is not checked meanwhile, so the answer tells nothing.
 *
 * <p>It cannot lock out the legitimate caller: a token that cannot be guessed is always checked and
 * served (guessing one is hopeless at any speed, so serving it leaks nothing), even from an address
 * over its budget — FreeScout behind the same reverse proxy as an attacker, or on the same host,
 * keeps working. Only a caller with a guessable token (the start warns about those) may wait for a
 * few seconds while someone at its address keeps failing. The address is the connection's peer: a
 * proxy's {@code X-Forwarded-For} is not read, as whoever guesses could vary it at will. An IPv6
 * client counts by its /64, which one host usually holds whole.
 *
 * <p>Memory is bounded: at most {@link #MAX_ADDRESSES} addresses are followed; a full table drops
 * those whose budget has refilled (they hold nothing), and past that the new addresses share one
 * budget, so that guessing from many addresses is slowed all the same.
 */
final class AuthFailureThrottle {
  /** Addresses followed at most. */
  static final int MAX_ADDRESSES = 10_000;

  /** The key of the budget that addresses share when the table is full. */
  static final String OVERFLOW = "(others)";

  /**
   * What a failed check leads to.
   *
   * @param retryAfter 0 when it may be answered 401 as usual, else the whole seconds until the
   *     address has budget again (it is answered 429)
   * @param startedNow whether this failure took the address over its budget (to log it once)
   */
  record Verdict(long retryAfter, boolean startedNow) {}

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final int maxAddresses;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private long lastSweep;

  /**
   * @param perMinute 0 turns the throttle off
   */
  AuthFailureThrottle(int perMinute, LongSupplier nanoTime) {
    this(perMinute, nanoTime, MAX_ADDRESSES);
  }

  AuthFailureThrottle(int perMinute, LongSupplier nanoTime, int maxAddresses) {
    this.perSecond = perMinute / 60.0;
    this.burst = Math.max(1, perMinute);
    this.nanoTime = nanoTime;
    this.maxAddresses = maxAddresses;
    this.lastSweep = nanoTime.getAsLong();
  }

  boolean enabled() {
    return perSecond > 0;
  }

  /** Counts a failed check from {@code client}. */
  synchronized Verdict failed(String client) {
    if (!enabled()) {
      return new Verdict(0, false);
    }
    return bucketOf(client).take();
  }

  /**
   * Whether {@code client} is over its budget, without counting anything: 0 when it is not, else
   * the whole seconds until it is not.
   */
  synchronized long overBudget(String client) {
    if (!enabled()) {
      return 0;
    }
    Bucket b = buckets.get(client);
    if (b == null && tableFull()) {
      b = buckets.get(OVERFLOW);
    }
    return b == null ? 0 : b.waitNow();
  }

  /** The addresses followed (for tests: bounded). */
  synchronized int size() {
    return buckets.size();
  }

  private Bucket bucketOf(String client) {
    Bucket b = buckets.get(client);
    if (b != null) {
      return b;
    }
    if (tableFull()) {
      sweep();
    }
    String key = tableFull() ? OVERFLOW : client;
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong()));
  }

  /** Whether a new address shares {@link #OVERFLOW} (one place is kept for it). */
  private boolean tableFull() {
    return buckets.size() >= maxAddresses - 1;
  }

  /** Drops the buckets that have refilled, at most once a second (a full table of busy ones). */
  private void sweep() {
    long now = nanoTime.getAsLong();
    if (now - lastSweep < 1_000_000_000L) {
      return;
    }
    lastSweep = now;
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (it.next().full(now)) {
        it.remove();
      }
    }
  }

  /**
   * The key an address counts under: an IPv4 address itself, an IPv6 one by its first 64 bits
   * ({@code 2001:db8:1:2::/64}).
   */
  static String clientOf(InetSocketAddress peer) {
    if (peer == null || peer.getAddress() == null) {
      return "unknown";
    }
    InetAddress a = peer.getAddress();
    if (a instanceof Inet6Address) {
      byte[] b = a.getAddress();
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
      }
      return s.append(":/64").toString();
    }
    return a.getHostAddress();
  }

  private final class Bucket {
    private double tokens;
    private long last;
    private boolean over;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    private void refill(long now) {
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
      last = now;
    }

    Verdict take() {
      refill(nanoTime.getAsLong());
      if (tokens >= 1) {
        tokens -= 1;
        over = false;
        return new Verdict(0, false);
      }
      boolean startedNow = !over;
      over = true;
      return new Verdict(retryAfter(), startedNow);
    }

    long waitNow() {
      refill(nanoTime.getAsLong());
      return tokens >= 1 ? 0 : retryAfter();
    }

    boolean full(long now) {
      return tokens + (now - last) / 1e9 * perSecond >= burst;
    }

    private long retryAfter() {
      return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
  }
}
