package ru.aidabilling.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ending at {@code \n} (a {@code \r} just before it is dropped, so {@code \r\n} works
 * too; a {@code \r} elsewhere stays in the line, where JSON reads it as white space), but never
 * holds more than {@code max} characters of one: the rest of a longer line is read and dropped, and
 * the line is reported as too long. So memory stays flat for any input, even a file with no newline
 * at all, and output line N always answers input line N.
 */
final class BoundedLines {
  /** A line, or a line that was too long ({@code text} then holds its first {@code max} chars). */
  record Line(String text, boolean tooLong) {}

  private final Reader in;
  private final int max;
  private final char[] buffer = new char[1 << 16];
  private int pos;
  private int end;

  BoundedLines(Reader in, int max) {
    this.in = in;
    this.max = max;
  }

  private boolean cr; // a \r read and not yet known to end the line

  /** Appends when there is room; false when the line is full. */
  private boolean add(StringBuilder line, char c) {
    if (line.length() < max) {
      line.append(c);
      return true;
    }
    return false;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    StringBuilder line = new StringBuilder();
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(buffer, 0, buffer.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (cr) {
            cr = false;
            tooLong |= !add(line, '\r');
          }
          return any ? new Line(line.toString(), tooLong) : null;
        }
      }
      char c = buffer[pos++];
      any = true;
      if (c == '\n') {
        cr = false; // a \r just before it was never kept
        return new Line(line.toString(), tooLong);
      }
      if (cr) {
        cr = false;
        tooLong |= !add(line, '\r'); // a \r not before \n belongs to the line
      }
      if (c == '\r') {
        cr = true; // kept only if no \n follows
        continue;
      }
      tooLong |= !add(line, c);
    }
  }
}
