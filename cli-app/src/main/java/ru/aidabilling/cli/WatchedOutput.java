package ru.aidabilling.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that remembers its first write failure. {@link java.io.PrintWriter} swallows
 * them, so without this a full disk ({@code > /dev/full}) would end with exit 0 and nothing said.
 */
final class WatchedOutput extends FilterOutputStream {
  private volatile IOException failure;

  WatchedOutput(OutputStream out) {
    super(out);
  }

  /** The first failure, or null. */
  IOException failure() {
    return failure;
  }

  /** Whether the reader of our output went away (EPIPE), as {@code | head} does. */
  static boolean isBrokenPipe(IOException e) {
    String m = e.getMessage();
    return m != null && m.contains("Broken pipe");
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw remember(e);
    }
  }

  private IOException remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
