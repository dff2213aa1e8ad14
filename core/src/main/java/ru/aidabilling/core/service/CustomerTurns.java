package ru.aidabilling.core.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ProfilePatch;

/**
 * The turns in which the writers of one process change a customer in FreeScout: a {@link
 * SyncCustomerService} and an {@link UndoService} that share one instance decide and write one
 * customer one at a time, so that neither writes over what the other just wrote on a stale read,
 * nor audits a wrong old value.
 *
 * <p>Customers are spread over {@value #STRIPES} stripes by id. Each stripe has a lock (the turn),
 * a count of the writes made in its turns, the patches of its last {@value #HISTORY} writes (a sync
 * that read before some of them lays them over its read instead of reading again), and the time of
 * its last audit stamp. Thread-safe; holds nothing else.
 */
public final class CustomerTurns {
  /** How many stripes the customers are spread over, by id. */
  static final int STRIPES = 256;

  /**
   * How many of a stripe's writes it remembers; a sync that saw more since its read reads again.
   */
  static final int HISTORY = 16;

  private final Stripe[] stripes = new Stripe[STRIPES];

  /** Turns shared by nobody yet: hand the same instance to every writer of the process. */
  public CustomerTurns() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** The stripe whose turn this customer's writes take. */
  Stripe of(CustomerId id) {
    return stripes[Math.floorMod(Long.hashCode(id.value()), stripes.length)];
  }

  /**
   * One write of a stripe: the customer, the patch (null when the PUT failed, so what it applied is
   * unknown), and the stripe's write count it made.
   */
  private record Write(CustomerId customer, ProfilePatch patch, long count) {}

  /** One stripe of customers: its turn, its write count, its last writes and its last stamp. */
  static final class Stripe {
    final ReentrantLock lock = new ReentrantLock();

    /** Noted without the lock (before a sync reads the customer), moved only under it. */
    final AtomicLong writes = new AtomicLong();

    private final ArrayDeque<Write> history = new ArrayDeque<>(HISTORY); // newest last; locked
    private Instant lastStamp; // locked

    /**
     * Counts a write and keeps it in the history: {@code patch} is what FreeScout now holds of it,
     * or null when that is unknown (the PUT failed or its answer was lost). Lock held.
     */
    void remember(CustomerId id, ProfilePatch patch) {
      Write write = new Write(id, patch, writes.get() + 1);
      if (history.size() == HISTORY) {
        history.removeFirst();
      }
      history.addLast(write);
      writes.incrementAndGet();
    }

    /**
     * The patches of the writes since the count {@code seen}, oldest first, when every one of them
     * was of {@code customer} and went through; empty when the sync must read again. Lock held.
     */
    Optional<List<ProfilePatch>> patchesSince(long seen, CustomerId customer) {
      long since = writes.get() - seen;
      if (since > history.size()) {
        return Optional.empty();
      }
      List<ProfilePatch> patches = new ArrayList<>();
      long skip = history.size() - since;
      long count = seen;
      for (Write w : history) {
        if (skip-- > 0) {
          continue;
        }
        count++;
        if (w.patch() == null || !w.customer().equals(customer) || w.count() != count) {
          return Optional.empty();
        }
        patches.add(w.patch());
      }
      return Optional.of(patches);
    }

    /**
     * The time for a write's audit records: the clock, but always after the previous stamp (by a
     * nanosecond if need be), so that the records of one customer stay in write order even if the
     * system clock steps back or stands still (undo orders a field's records by time). Lock held.
     */
    Instant stamp(Clock clock) {
      Instant now = clock.instant();
      if (lastStamp != null && !now.isAfter(lastStamp)) {
        now = lastStamp.plusNanos(1);
      }
      lastStamp = now;
      return now;
    }
  }
}
