package ru.aidabilling.core.parse;

import java.util.Arrays;
import java.util.Map;

/**
 * An immutable dictionary the parsers look words up in straight from the input text, without
 * cutting a substring or lower-casing a copy: keys are compared letter by letter after folding
 * (lower case, {@code ё} as {@code е}, every dash as {@code -}, dots skipped; optionally a Latin
 * look-alike as its Cyrillic twin, so {@code OOO} typed in Latin finds {@code ооо}). Open
 * addressing over two arrays; built once in a static initialiser, then only read, so it is safe to
 * share between threads.
 */
final class KeyTable<V> {
  private final String[] keys;
  private final Object[] values;
  private final int mask;
  private final boolean twins;
  private final int maxLength;

  private KeyTable(Map<String, V> entries, boolean twins) {
    int size = Integer.highestOneBit(Math.max(4, entries.size() * 3)) << 1;
    this.keys = new String[size];
    this.values = new Object[size];
    this.mask = size - 1;
    this.twins = twins;
    int longest = 0;
    for (String k : entries.keySet()) {
      longest = Math.max(longest, k.length());
    }
    this.maxLength = longest;
    for (Map.Entry<String, V> e : entries.entrySet()) {
      String k = e.getKey();
      if (k.isEmpty() || !Letters.key(k, 0, k.length()).equals(k)) {
        throw new IllegalArgumentException("key must be folded (lower case, е for ё): " + k);
      }
      int i = hash(k, 0, k.length()) & mask;
      while (keys[i] != null) {
        if (keys[i].equals(k)) {
          throw new IllegalArgumentException("key twice: " + k);
        }
        i = (i + 1) & mask;
      }
      keys[i] = k;
      values[i] = e.getValue();
    }
  }

  static <V> KeyTable<V> of(Map<String, V> entries) {
    return new KeyTable<>(entries, false);
  }

  /** As {@link #of}, reading Latin look-alikes as Cyrillic ({@code yл} finds {@code ул}). */
  static <V> KeyTable<V> withTwins(Map<String, V> entries) {
    return new KeyTable<>(entries, true);
  }

  /** A set of words given space-separated; duplicates are allowed and kept once. */
  static KeyTable<Boolean> words(String spaceSeparated) {
    return words(spaceSeparated, false);
  }

  /** As {@link #words(String)}, reading Latin look-alikes as Cyrillic. */
  static KeyTable<Boolean> words(String spaceSeparated, boolean twins) {
    Map<String, Boolean> m = new java.util.HashMap<>();
    for (String w : Arrays.asList(spaceSeparated.strip().split(" +"))) {
      m.put(w, Boolean.TRUE);
    }
    return new KeyTable<>(m, twins);
  }

  /** The letters (dots aside) of the longest key: no longer word can be found. */
  int maxLength() {
    return maxLength;
  }

  V get(CharSequence s) {
    return get(s, 0, s.length());
  }

  @SuppressWarnings("unchecked")
  V get(CharSequence s, int from, int to) {
    int h = hash(s, from, to);
    if (h == TOO_LONG) {
      return null;
    }
    int i = h & mask;
    String k;
    while ((k = keys[i]) != null) {
      if (matches(k, s, from, to)) {
        return (V) values[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  boolean contains(CharSequence s) {
    return get(s, 0, s.length()) != null;
  }

  boolean contains(CharSequence s, int from, int to) {
    return get(s, from, to) != null;
  }

  /** What {@link #hash} answers for a word longer than every key; never a real hash. */
  private static final int TOO_LONG = Integer.MIN_VALUE;

  private int hash(CharSequence s, int from, int to) {
    int h = 0;
    int letters = 0;
    if (to - from > 2 * maxLength + 1) {
      return TOO_LONG; // more dots than a key's letters could carry, one after each
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c != '.') {
        if (++letters > maxLength) {
          return TOO_LONG;
        }
        h = 31 * h + norm(c);
      }
    }
    h ^= h >>> 16;
    return h == TOO_LONG ? 0 : h;
  }

  private boolean matches(String key, CharSequence s, int from, int to) {
    int j = 0;
    int kl = key.length();
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        continue;
      }
      if (j == kl || key.charAt(j) != norm(c)) {
        return false;
      }
      j++;
    }
    return j == kl;
  }

  private char norm(char c) {
    if (c >= 'а' && c <= 'я') {
      return c;
    }
    if (c >= 'А' && c <= 'Я') {
      return (char) (c + 32); // a capital opens most words: no twin, no hyphen, just lower case
    }
    if (twins) {
      char t = Letters.cyrillicTwin(c);
      if (t != 0) {
        c = t;
      }
    }
    return Letters.isHyphen(c) ? '-' : Letters.fold(c);
  }
}
