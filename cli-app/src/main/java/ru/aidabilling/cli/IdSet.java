package ru.aidabilling.cli;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of customer ids that stays small for large walks: FreeScout ids are dense auto-increment
 * numbers, so a bit per id (125 KB for a million) instead of a boxed Long each. Thread-safe.
 */
final class IdSet {
  private final BitSet small = new BitSet();
  private final Set<Long> large = new HashSet<>();
  private int size;

  /**
   * @return true when the id was not there yet
   */
  synchronized boolean add(long id) {
    boolean added;
    if (id >= 0 && id < Integer.MAX_VALUE) {
      added = !small.get((int) id);
      small.set((int) id);
    } else {
      added = large.add(id);
    }
    if (added) {
      size++;
    }
    return added;
  }

  synchronized boolean contains(long id) {
    return id >= 0 && id < Integer.MAX_VALUE ? small.get((int) id) : large.contains(id);
  }

  synchronized int size() {
    return size;
  }
}
