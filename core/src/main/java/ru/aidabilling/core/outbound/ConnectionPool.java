package ru.aidabilling.core.outbound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idle kept-alive connections per (scheme, host, port), newest reused first. A connection past its
 * idle time is closed when a take or put comes across it; there is no background thread.
 */
final class ConnectionPool {
  private final ConcurrentHashMap<String, ArrayDeque<HttpConnection>> idle =
      new ConcurrentHashMap<>();
  private final int maxPerKey;

  ConnectionPool(int maxPerKey) {
    this.maxPerKey = maxPerKey;
  }

  /** The newest idle connection for the key still within its idle time, or null. */
  HttpConnection take(String key) {
    ArrayDeque<HttpConnection> q = idle.get(key);
    if (q == null) {
      return null;
    }
    List<HttpConnection> expired = null;
    HttpConnection found = null;
    long now = System.nanoTime();
    synchronized (q) {
      HttpConnection c;
      while ((c = q.pollLast()) != null) {
        if (now - c.idleUntil < 0) {
          found = c;
          break;
        }
        if (expired == null) {
          expired = new ArrayList<>();
        }
        expired.add(c);
      }
    }
    if (expired != null) {
      expired.forEach(HttpConnection::close);
    }
    return found;
  }

  /** Keeps the connection for {@code idleNanos}; the oldest goes when the key has its maximum. */
  void put(HttpConnection c, long idleNanos) {
    long now = System.nanoTime();
    c.idleUntil = now + idleNanos;
    ArrayDeque<HttpConnection> q = idle.computeIfAbsent(c.key, k -> new ArrayDeque<>());
    List<HttpConnection> dropped = null; // made only when one goes: every exchange ends here
    synchronized (q) {
      HttpConnection oldest;
      while ((oldest = q.peekFirst()) != null
          && (now - oldest.idleUntil >= 0 || q.size() >= maxPerKey)) {
        dropped = dropped == null ? new ArrayList<>() : dropped;
        dropped.add(q.pollFirst());
      }
      if (maxPerKey > 0 && idleNanos > 0) {
        q.addLast(c);
      } else {
        dropped = dropped == null ? new ArrayList<>() : dropped;
        dropped.add(c);
      }
    }
    if (dropped != null) {
      dropped.forEach(HttpConnection::close);
    }
  }

  /** How many idle connections the key has (expired ones included until dropped). */
  int idleCount(String key) {
    ArrayDeque<HttpConnection> q = idle.get(key);
    if (q == null) {
      return 0;
    }
    synchronized (q) {
      return q.size();
    }
  }
}
