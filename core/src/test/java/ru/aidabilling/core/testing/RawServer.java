package ru.aidabilling.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server speaking raw bytes, for what a well-behaved HTTP server never does: stall,
 * reset the connection mid-answer, drop it before answering.
 */
public final class RawServer implements AutoCloseable {
  /** What to do with one accepted connection; {@code n} counts connections from 1. */
  public interface Script {
    void run(Socket socket, int n) throws Exception;
  }

  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  public RawServer(Script script) {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  sockets.add(s);
                  int n = connections.incrementAndGet();
                  Thread t =
                      new Thread(
                          () -> {
                            try {
                              script.run(s, n);
                            } catch (Exception e) {
                              // interrupted or the peer left: the test has what it needs
                            }
                          });
                  t.setDaemon(true);
                  threads.add(t);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + pathAndQuery);
  }

  public int connections() {
    return connections.get();
  }

  /** Reads the request head (up to the blank line). */
  public static void readHead(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    int state = 0;
    int b;
    while ((b = in.read()) >= 0) {
      state =
          switch (state) {
            case 0, 2 -> b == '\r' ? state + 1 : 0;
            case 1 -> b == '\n' ? 2 : 0;
            case 3 -> b == '\n' ? 4 : 0;
            default -> 0;
          };
      if (state == 4) {
        return;
      }
    }
  }

  public static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Closes with a TCP reset instead of an orderly close. */
  public static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0);
    s.close();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    threads.forEach(Thread::interrupt);
  }

  /** A loopback port nothing listens on. */
  public static URI refusedUri(String pathAndQuery) {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }
}
