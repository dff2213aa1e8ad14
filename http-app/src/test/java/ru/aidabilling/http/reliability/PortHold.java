package ru.aidabilling.http.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Keeps a stub's port while the stub "refuses connections": a socket bound to the port but not
 * listening, so a connection to it is refused (the kernel answers with a reset) as when nothing is
 * there, while no other program can take the port meanwhile. Without it, another test run on the
 * same machine took the freed port with a stub of its own that answered the lookup, and a case that
 * expected a refused connection got an account.
 */
final class PortHold implements AutoCloseable {
  private final Socket placeholder;

  private PortHold(Socket placeholder) {
    this.placeholder = placeholder;
  }

  /**
   * Holds {@code port} on the loopback address until {@link #close()}. A listening socket closed
   * while a thread waits in its {@code accept} is only let go once that thread has woken, so the
   * port may still be taken for a moment: it is tried again for up to two seconds.
   */
  static PortHold of(int port) {
    long giveUp = System.nanoTime() + 2_000_000_000L;
    while (true) {
      Socket s = new Socket();
      try {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new PortHold(s);
      } catch (IOException e) {
        closeQuietly(s);
        if (System.nanoTime() > giveUp) {
          throw new UncheckedIOException("could not hold port " + port, e);
        }
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while holding port " + port, e);
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // never bound
    }
  }

  @Override
  public void close() {
    try {
      placeholder.close();
    } catch (IOException ignored) {
      // a bound, unconnected socket
    }
  }
}
