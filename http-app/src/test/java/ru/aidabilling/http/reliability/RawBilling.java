package ru.aidabilling.http.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A billing stub on a raw {@link ServerSocket} at 127.0.0.1, so that it can fail the way real
 * servers and networks do, below what an HTTP server library lets a handler do: a body cut short, a
 * connection reset mid-body, headers that never come, a port that refuses connections. Every answer
 * carries {@code Connection: close}; the behaviour can be switched at any time, and {@link
 * #refuse()} / {@link #listen()} take the same port down and up again so that recovery is tested at
 * the same URL.
 */
final class RawBilling implements AutoCloseable {
  static final String SEED_PHONE = "+79004445566";
  static final String FOUND =
      "{\"client\":{\"fullname\":\"Новичков Тарас Викторович\",\"contract_number\":\"0138\","
          + "\"address\":\"поселок Соляной Набережная 8/1\",\"tariff\":\"2024_SMiT\","
          + "\"ballance\":\"256.52\"}}";

  /** How the stub answers a lookup. */
  enum Mode {
    /** 200 with the seed's account for {@link #SEED_PHONE}, {@code {"client":null}} otherwise. */
    OK,
    STATUS_500,
    /** 403: billing refuses our key (the extra header or query). */
    STATUS_403,
    /** 502 with an HTML page, as a reverse proxy in front of billing sends. */
    HTML_502,
    /** 200 with JSON cut in the middle (the whole, declared body is sent). */
    MALFORMED_JSON,
    /** Declares 400 bytes, sends a part and closes the connection (FIN). */
    TRUNCATED,
    /** 200 with a well-formed 5 MiB JSON body. */
    HUGE,
    /** Reads the request and never answers. */
    STALL,
    /** Sends the headers and a few body bytes, then nothing. */
    STALL_MID_BODY,
    /** Sends the headers and part of the body, then resets the connection (RST). */
    RESET_MID_BODY,
    /**
     * 200 with an error that quotes the subscriber's name and phone, with no-break and thin spaces
     * and in lower case, as billing's own text may: the log must show none of them.
     */
    ERROR_QUOTING_THE_SUBSCRIBER
  }

  /** What {@link Mode#ERROR_QUOTING_THE_SUBSCRIBER} answers. */
  static final String ERROR_QUOTING_THE_SUBSCRIBER =
      "{\"error\":\"Абонент Новичков\u00A0Тарас\u00A0Викторович (8\u00A0900\u00A0444\u201155\u201166)"
          + " заблокирован; договор 0138: новичков\u2009тарас, НОВИЧКОВ\u202FТАРАС\"}";

  private final int port;
  private final List<String> phones = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.OK;
  private volatile ServerSocket server;

  /** The port, held while the stub refuses connections ({@link #refuse()}). */
  private PortHold held;

  RawBilling() {
    try {
      ServerSocket s = bind(0);
      this.port = s.getLocalPort();
      start(s);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port + "/api/phone.php");
  }

  private volatile long delayMs;

  /** In mode OK, answers this long after the request (a slow billing). */
  void delay(long ms) {
    delayMs = ms;
  }

  void mode(Mode m) {
    this.mode = m;
  }

  /** Phones asked for, decoded, in order. */
  List<String> phones() {
    return List.copyOf(phones);
  }

  int requests() {
    return requests.get();
  }

  /**
   * Stops listening: connections to the port are refused until {@link #listen()}; the port stays
   * held meanwhile so that no other program takes it.
   */
  synchronized void refuse() {
    stopListening();
    if (held == null) {
      held = PortHold.of(port);
    }
  }

  private void stopListening() {
    ServerSocket s = server;
    server = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing a listening socket
      }
    }
  }

  /** Listens again on the same port. */
  synchronized void listen() {
    if (server != null) {
      return;
    }
    if (held != null) {
      held.close();
      held = null;
    }
    try {
      start(bind(port));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    return s;
  }

  private void start(ServerSocket s) {
    server = s;
    Thread t = new Thread(() -> accept(s), "raw-billing-accept");
    t.setDaemon(true);
    t.start();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket c = s.accept();
        open.add(c);
        Thread t = new Thread(() -> serve(c), "raw-billing-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket c) {
    try (c) {
      c.setSoTimeout(10_000);
      String requestLine = readHead(c.getInputStream());
      if (requestLine == null) {
        return;
      }
      requests.incrementAndGet();
      String phone = phoneOf(requestLine);
      if (phone != null) {
        phones.add(phone);
      }
      OutputStream out = c.getOutputStream();
      switch (mode) {
        case OK -> {
          Thread.sleep(delayMs);
          String body = SEED_PHONE.equals(phone) ? FOUND : "{\"client\":null}";
          answer(out, 200, "application/json; charset=utf-8", body);
        }
        case STATUS_500 -> answer(out, 500, "text/plain", "Internal Server Error");
        case STATUS_403 -> answer(out, 403, "application/json", "{\"error\":\"bad key\"}");
        case HTML_502 ->
            answer(
                out,
                502,
                "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body><center>"
                    + "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
        case MALFORMED_JSON ->
            answer(out, 200, "application/json", FOUND.substring(0, FOUND.length() / 2));
        case TRUNCATED -> {
          byte[] body = FOUND.getBytes(StandardCharsets.UTF_8);
          head(out, 200, "application/json", 400);
          out.write(body, 0, body.length / 2);
          out.flush();
          c.shutdownOutput();
        }
        case HUGE -> huge(out);
        case STALL -> closed.await(60, TimeUnit.SECONDS);
        case STALL_MID_BODY -> {
          head(out, 200, "application/json", 400);
          out.write("{\"client\":".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          closed.await(60, TimeUnit.SECONDS);
        }
        case RESET_MID_BODY -> {
          head(out, 200, "application/json", 400);
          out.write("{\"client\":{\"fullname\":".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(50);
          c.setSoLinger(true, 0);
        }
        case ERROR_QUOTING_THE_SUBSCRIBER ->
            answer(out, 200, "application/json; charset=utf-8", ERROR_QUOTING_THE_SUBSCRIBER);
      }
    } catch (IOException e) {
      // the client gave up (time-out, size cap): expected in fault cases
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(c);
    }
  }

  /** Reads the request line and headers; returns the request line, or null at EOF. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > 64 * 1024) {
        return null;
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.indexOf("\r\n"));
  }

  private static String phoneOf(String requestLine) {
    String[] parts = requestLine.split(" ");
    if (parts.length < 2) {
      return null;
    }
    URI uri = URI.create(parts[1]);
    String query = uri.getRawQuery();
    if (query == null) {
      return null;
    }
    for (String kv : query.split("&")) {
      if (kv.startsWith("phone=")) {
        return URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void head(OutputStream out, int status, String type, long length)
      throws IOException {
    String head =
        "HTTP/1.1 "
            + status
            + " X\r\nContent-Type: "
            + type
            + "\r\nContent-Length: "
            + length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
  }

  private static void answer(OutputStream out, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    head(out, status, type, bytes.length);
    out.write(bytes);
    out.flush();
  }

  private static void huge(OutputStream out) throws IOException {
    int size = 5 * 1024 * 1024;
    byte[] open = "{\"client\":{\"fullname\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] close = "\"}}".getBytes(StandardCharsets.US_ASCII);
    head(out, 200, "application/json", size);
    out.write(open);
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'a');
    int left = size - open.length - close.length;
    while (left > 0) {
      int n = Math.min(left, chunk.length);
      out.write(chunk, 0, n);
      left -= n;
    }
    out.write(close);
    out.flush();
  }

  @Override
  public synchronized void close() {
    closed.countDown();
    stopListening();
    if (held != null) {
      held.close();
      held = null;
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }
}
