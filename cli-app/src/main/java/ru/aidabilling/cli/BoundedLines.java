package ru.aidabilling.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine} (ending at {@code \n}, {@code \r\n} or
 * {@code \r}) but never holds more than {@code max} characters of one: the rest of a longer line is
 * read and dropped, and the line is reported as too long. So memory stays flat for any input, even
 * a file with no newline at all.
 */
final class BoundedLines {
  /** A line, or a line that was too long ({@code text} then holds its first {@code max} chars). */
  record Line(String text, boolean tooLong) {}

  private final Reader in;
  private final int max;
  private final char[] buffer = new char[1 << 16];
  private int pos;
  private int end;
  private boolean afterCr;

  BoundedLines(Reader in, int max) {
    this.in = in;
    this.max = max;
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
          return any ? new Line(line.toString(), tooLong) : null;
        }
      }
      char c = buffer[pos++];
      if (afterCr) {
        afterCr = false;
        if (c == '\n') {
          continue; // the \n of a \r\n already ended the previous line
        }
      }
      any = true;
      if (c == '\n' || c == '\r') {
        afterCr = c == '\r';
        return new Line(line.toString(), tooLong);
      }
      if (line.length() < max) {
        line.append(c);
      } else {
        tooLong = true;
      }
    }
  }
}
