package ru.aidabilling.core.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The audit log's lines as bytes, each decoded only when a cheap byte test accepts it, with memory
 * bounded whatever the file holds.
 *
 * <p>A line ends at {@code \n} (a {@code \r} before it is dropped). A NUL byte is never part of a
 * record (JSON text cannot hold one): it is what a crash leaves where a write was under way, or the
 * hole a write leaves when the file was truncated under it (logrotate's {@code copytruncate}),
 * which can be as long as the file was. The bytes of a line up to its last NUL are dropped as they
 * are read, and the line is reported {@link #torn}: what follows the zeros may still be a whole
 * record. A line longer than {@link #MAX_LINE} bytes after that is read to its end without being
 * kept and reported as {@link #tooLong}. Not thread-safe.
 */
final class AuditLines implements Closeable {
  /** Far above any record (a few hundred bytes: field values are FreeScout's short columns). */
  static final int MAX_LINE = 1 << 20;

  /** A test of a line's bytes {@code [from, to)}. */
  @FunctionalInterface
  interface ByteTest {
    boolean test(byte[] bytes, int from, int to);
  }

  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private long number;
  private boolean torn;
  private boolean tooLong;

  AuditLines(InputStream in) {
    this.in = in;
  }

  /** The number of the line last read (1 for the first). */
  long number() {
    return number;
  }

  /** The bytes the reader holds (for tests: bounded whatever the lines). */
  int capacity() {
    return buf.length;
  }

  /** Whether the line last read held a NUL (only the text after the last one is returned). */
  boolean torn() {
    return torn;
  }

  /** Whether the line last read was longer than {@link #MAX_LINE} (then it was not returned). */
  boolean tooLong() {
    return tooLong;
  }

  /**
   * The next line {@code wanted} accepts, decoded as UTF-8 (bad bytes replaced), skipping the
   * others (each counted); null at the end of the file. An over-long line is returned as "" with
   * {@link #tooLong} set, whatever the test.
   */
  String next(ByteTest wanted) throws IOException {
    while (true) {
      torn = false;
      tooLong = false;
      int start = pos;
      int scan = pos;
      int end = -1;
      while (true) {
        for (int i = scan; i < limit; i++) {
          byte b = buf[i];
          if (b == '\n') {
            end = i;
            break;
          }
          if (b == 0) {
            while (i + 1 < limit && buf[i + 1] == 0) {
              i++;
            }
            torn = true;
            tooLong = false;
            start = i + 1; // the zeros, and whatever stood before them, are dropped
          }
        }
        if (end >= 0) {
          break;
        }
        if (eof) {
          end = limit; // the last line, without its line end
          break;
        }
        if (limit - start > MAX_LINE) {
          tooLong = true;
          start = limit; // read on to its end, keeping none of it
        }
        int kept = limit - start;
        System.arraycopy(buf, start, buf, 0, kept);
        start = 0;
        scan = kept;
        limit = kept;
        if (limit == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
          eof = true;
        } else {
          limit += n;
        }
      }
      boolean unterminated = end == limit;
      pos = unterminated ? limit : end + 1;
      if (unterminated && start == end && !tooLong) {
        return null; // nothing after the last line end (or only zeros)
      }
      number++;
      if (tooLong) {
        return "";
      }
      int to = end > start && buf[end - 1] == '\r' ? end - 1 : end;
      if (to > start && wanted.test(buf, start, to)) {
        return new String(buf, start, to - start, StandardCharsets.UTF_8);
      }
    }
  }

  /** Whether {@code pattern} occurs in {@code bytes[from, to)}. */
  static boolean contains(byte[] bytes, int from, int to, byte[] pattern) {
    return indexOf(bytes, from, to, pattern) >= 0;
  }

  private static int indexOf(byte[] bytes, int from, int to, byte[] pattern) {
    byte first = pattern[0];
    int last = to - pattern.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Whether {@code bytes[from, to)} holds {@code key} (a JSON key with its quotes), then a colon
   * and the ASCII {@code digits} as a whole number (JSON whitespace around the colon and leading
   * zeros allowed, which the full parse then judges).
   */
  static boolean holdsKeyNumber(byte[] bytes, int from, int to, byte[] key, byte[] digits) {
    int at = from;
    while (true) {
      int k = indexOf(bytes, at, to, key);
      if (k < 0) {
        return false;
      }
      int i = skipSpace(bytes, k + key.length, to);
      if (i < to && bytes[i] == ':') {
        i = skipSpace(bytes, i + 1, to);
        while (i < to && bytes[i] == '0') {
          i++;
        }
        int end = i + digits.length;
        if (end <= to
            && Arrays.equals(bytes, i, end, digits, 0, digits.length)
            && (end == to || !isDigit(bytes[end]))) {
          return true;
        }
      }
      at = k + 1;
    }
  }

  private static int skipSpace(byte[] bytes, int i, int to) {
    while (i < to && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
