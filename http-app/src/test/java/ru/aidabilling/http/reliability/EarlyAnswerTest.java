package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ru.aidabilling.core.settings.Setting;

/**
 * An answer given before the request's body was read (413 on the declared length or past the limit
 * of a chunked body, 401, 403, 404, 405, 415) reaches a client that is still sending that body: the
 * server reads and discards what follows for a while before it closes, instead of closing at once
 * and resetting the connection under the client's feet, which destroyed the answer (the JDK's
 * HttpClient: «header parser received no bytes»; curl: «Send failure: Connection reset by peer»).
 */
class EarlyAnswerTest {
  static final int DECLARED = 8 * 1024 * 1024;
  static final int FIRST_PIECE = 6 * 1024 * 1024;
  static final int PIECE = 512 * 1024;
  static final long LINGER_MILLIS = 1_000; // LingeringClose.MAX_MILLIS
  static final String SYNC = "/api/v1/customers/31/sync";
  static final String HOOK = "/api/v1/freescout/webhook";
  static final String AUTH = "Authorization: Bearer " + EndToEnd.TOKEN;
  static final String JSON = "Content-Type: application/json";
  static EndToEnd e2e;

  @BeforeAll
  static void start() {
    e2e = new EndToEnd();
  }

  @AfterAll
  static void stop() {
    e2e.close();
  }

  /** An early answer: the request's head (without its framing), and what it is answered. */
  record Case(String name, String head, boolean chunked, int status, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String hook =
        "POST " + HOOK + " HTTP/1.1\r\n" + JSON + "\r\nX-FreeScout-Event: customer.created";
    String signed = hook + "\r\nX-FreeScout-Signature: " + SecurityTest.sign(new byte[1]);
    return Stream.of(
        new Case(
            "413 API",
            "POST " + SYNC + " HTTP/1.1\r\n" + AUTH + "\r\n" + JSON,
            false,
            413,
            "PAYLOAD_TOO_LARGE"),
        new Case(
            "413 API chunked",
            "POST " + SYNC + " HTTP/1.1\r\n" + AUTH + "\r\n" + JSON,
            true,
            413,
            "PAYLOAD_TOO_LARGE"),
        new Case("413 webhook", signed, false, 413, "PAYLOAD_TOO_LARGE"),
        new Case("413 webhook chunked", signed, true, 413, "PAYLOAD_TOO_LARGE"),
        new Case("403 webhook unsigned", hook, false, 403, "SIGNATURE_INVALID"),
        new Case("401", "POST " + SYNC + " HTTP/1.1\r\n" + JSON, false, 401, "UNAUTHORIZED"),
        new Case(
            "415 chunked",
            "POST " + SYNC + " HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: text/plain",
            true,
            415,
            "UNSUPPORTED_MEDIA_TYPE"),
        new Case("404", "POST /api/v1/nowhere HTTP/1.1\r\n" + JSON, false, 404, "NOT_FOUND"),
        new Case(
            "405",
            "PUT " + SYNC + " HTTP/1.1\r\n" + AUTH + "\r\n" + JSON,
            false,
            405,
            "METHOD_NOT_ALLOWED"));
  }

  /**
   * A client that sends its 8 MiB body in pieces (the head and the first 6 MiB in one write, then
   * 512 KiB at a time) and looks for an answer between them, as curl does between its own smaller
   * pieces: once one has come it stops sending and reads it; a write that fails before it has come
   * loses the answer, as it does for curl and the JDK's HttpClient. The server answers at the head
   * (or past the limit of a chunked body) while the first write still waits for room (6 MiB is more
   * than the socket buffers hold), so each round met the reset when the server closed at once.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aClientStillSendingItsBodyReadsTheEarlyAnswer(Case c) throws Exception {
    for (int round = 0; round < 5; round++) {
      String answer = stillSending(c);
      assertTrue(
          answer.startsWith("HTTP/1.1 " + c.status() + " ")
              && answer.contains("\"code\":\"" + c.code() + "\""),
          c + ", round " + round + ": " + answer);
      assertTrue(answer.contains("Connection: close"), answer);
    }
  }

  /**
   * The JDK's HttpClient (as RequestRulesTest uses it) sending an 8 MiB body gets the 413 every
   * time.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jdkCases")
  void theJdkClientGetsTheEarlyAnswerEveryTime(String path, String code) {
    byte[] body = new byte[DECLARED];
    Arrays.fill(body, (byte) 'x');
    List<String> lost = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      HttpRequest.Builder b =
          e2e.authed(path)
              .header("Content-Type", "application/json")
              .header("X-FreeScout-Event", "customer.created")
              .header("X-FreeScout-Signature", SecurityTest.sign(new byte[1]))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      try {
        HttpResponse<String> r = e2e.send(b);
        if (r.statusCode() != 413 || !r.body().contains(code)) {
          lost.add(round + ": " + r.statusCode() + " " + r.body());
        }
      } catch (RuntimeException e) {
        lost.add(round + ": " + e);
      }
    }
    assertEquals(List.of(), lost);
  }

  /**
   * The server half-closes right after the answer (the client reads its end at once) and then
   * closes for good within the linger's bound (1 s) of a client that stopped sending: a write after
   * that is reset.
   */
  @Test
  void aClientThatStopsSendingIsClosedAfterTheBound() throws Exception {
    try (Socket s = overLimit(e2e.port(), 256 * 1024)) {
      InputStream in = s.getInputStream();
      assertTrue(readAnswer(in).startsWith("HTTP/1.1 413 "));
      assertEquals(-1, in.read(), "the answer is followed by the server's FIN");
      Thread.sleep(LINGER_MILLIS + 600);
      assertTrue(resetWithin(s, 2_000) >= 0, "closed after the linger");
    }
  }

  /**
   * A client that keeps trickling its body after the answer is cut off at the linger's bound,
   * whatever it sends (the bound is on the whole linger, not on the pause between bytes), and not
   * before it had time to read the answer.
   */
  @Test
  void aClientTricklingItsBodyIsCutOffAtTheBound() throws Exception {
    try (Socket s = overLimit(e2e.port(), 256 * 1024)) {
      assertTrue(readAnswer(s.getInputStream()).startsWith("HTTP/1.1 413 "));
      long answered = System.nanoTime();
      long cut = resetWithin(s, 10_000);
      assertTrue(cut >= 0, "still open 10 s after the answer");
      long ms = (cut - answered) / 1_000_000;
      assertTrue(ms >= LINGER_MILLIS / 2 && ms < 5_000, "cut off " + ms + " ms after the answer");
    }
  }

  /**
   * A client that declares 1 GiB and sends it as fast as it can, reading nothing, is cut off after
   * a bounded amount (8 MiB discarded, plus what the socket buffers hold), well before the linger's
   * second would let it send hundreds of MiB over loopback.
   */
  @Test
  void aClientThatKeepsSendingIsCutOffAfterABoundedAmount() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), e2e.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST "
                  + SYNC
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + AUTH
                  + "\r\n"
                  + JSON
                  + "\r\nContent-Length: "
                  + (1L << 30)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] piece = new byte[64 * 1024];
      long sent = 0;
      try {
        while (sent < 1L << 30) {
          out.write(piece);
          sent += piece.length;
        }
      } catch (IOException e) {
        // cut off
      }
      assertTrue(sent < 64L << 20, "sent " + (sent >> 20) + " MiB before the cut");
    }
  }

  /**
   * At most a quarter of AIDA_MAX_CONNECTIONS linger at once (past that a connection is closed at
   * once, as before): a flood of oversized requests that all keep sending cannot hold the
   * connections, and a normal request is answered while some of them still linger.
   */
  @Test
  void aFloodOfLingeringClientsDoesNotStarveNormalRequests() throws Exception {
    int cap = 8;
    try (EndToEnd small = new EndToEnd(x -> x.with(Setting.MAX_CONNECTIONS, String.valueOf(cap)))) {
      // warm: the first request of a client and a server pays for loading their classes
      assertEquals(200, small.publicGet("/healthz").statusCode());
      assertEquals(200, small.publicGet("/healthz").statusCode());
      List<Socket> flood = new ArrayList<>();
      List<Thread> tricklers = new ArrayList<>();
      long[] cutAt = new long[cap];
      try {
        for (int i = 0; i < cap; i++) {
          Socket s = overLimit(small.port(), 1024);
          flood.add(s);
          try {
            readAnswer(s.getInputStream()); // answered, so accepted
          } catch (IOException e) {
            // past the cap of lingering connections: closed at once, its answer may be lost
          }
          int n = i;
          Thread t = new Thread(() -> cutAt[n] = resetWithin(s, 3_000));
          t.start();
          tricklers.add(t);
        }
        long start = System.nanoTime();
        HttpResponse<String> r = small.publicGet("/healthz");
        long answered = System.nanoTime();
        assertEquals(200, r.statusCode());
        long ms = (answered - start) / 1_000_000;
        for (Thread t : tricklers) {
          t.join(10_000);
        }
        long stillLingering = Arrays.stream(cutAt).filter(c -> c < 0 || c > answered).count();
        assertTrue(stillLingering >= 1, "no connection lingered past the normal answer");
        assertTrue(
            ms < LINGER_MILLIS / 2,
            "the normal request waited "
                + ms
                + " ms for a connection ("
                + stillLingering
                + " lingering)");
      } finally {
        for (Socket s : flood) {
          s.close();
        }
      }
    }
  }

  /**
   * A client that goes away while its connection lingers (a reset, before or after it read its
   * answer) gives its place among the lingering back: with AIDA_MAX_CONNECTIONS 8 (two may linger),
   * after ten such clients the next two oversized requests still linger (are not closed at once).
   */
  @Test
  void clientsThatResetWhileLingeringGiveTheirPlaceBack() throws Exception {
    try (EndToEnd small = new EndToEnd(x -> x.with(Setting.MAX_CONNECTIONS, "8"))) {
      for (int i = 0; i < 10; i++) {
        try (Socket s = overLimit(small.port(), 1024)) {
          if (i % 2 == 0) {
            assertTrue(readAnswer(s.getInputStream()).startsWith("HTTP/1.1 413 "));
          }
          s.setSoLinger(true, 0); // the close below resets the connection
        }
      }
      Thread.sleep(LINGER_MILLIS + 500); // any linger still under way is over by now
      List<Socket> next = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          next.add(overLimit(small.port(), 1024));
        }
        long answered = System.nanoTime();
        for (Socket s : next) {
          assertTrue(readAnswer(s.getInputStream()).startsWith("HTTP/1.1 413 "));
        }
        for (Socket s : next) {
          long cut = resetWithin(s, 3_000);
          long ms = (cut - answered) / 1_000_000;
          assertTrue(cut >= 0 && ms >= LINGER_MILLIS / 2, "closed " + ms + " ms after the answer");
        }
      } finally {
        for (Socket s : next) {
          s.close();
        }
      }
    }
  }

  /**
   * Stopping the server does not wait for lingering connections (they are closed with it), and logs
   * no error or warning about them.
   */
  @Test
  void theServerStopsAtOnceWhileConnectionsLinger() throws Exception {
    List<String> logged = Collections.synchronizedList(new ArrayList<>());
    Handler watch =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              logged.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    EndToEnd own = new EndToEnd();
    List<Socket> lingering = new ArrayList<>();
    Logger root = Logger.getLogger("");
    root.addHandler(watch);
    try {
      for (int i = 0; i < 3; i++) {
        Socket s = overLimit(own.port(), 1024);
        lingering.add(s);
        assertTrue(readAnswer(s.getInputStream()).startsWith("HTTP/1.1 413 "));
      }
      long start = System.nanoTime();
      own.close();
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < LINGER_MILLIS / 2, "stopping took " + ms + " ms");
      for (Socket s : lingering) {
        assertTrue(resetWithin(s, 2_000) >= 0, "still open after the stop");
      }
      assertEquals(List.of(), logged);
    } finally {
      root.removeHandler(watch);
      for (Socket s : lingering) {
        s.close();
      }
    }
  }

  /**
   * A connection that declared 8 MiB to the sync route and has sent its head and {@code sent} bytes
   * of it.
   */
  static Socket overLimit(int port, int sent) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(10_000);
    byte[] head =
        ("POST "
                + SYNC
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + AUTH
                + "\r\n"
                + JSON
                + "\r\nContent-Length: "
                + DECLARED
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    s.getOutputStream().write(concat(head, new byte[sent]));
    return s;
  }

  /**
   * Writes a byte every 20 ms until a write fails, for at most {@code ms}: the time of that failure
   * ({@link System#nanoTime()}), or -1 if every write went through. A write to a connection the
   * server has closed goes out and is answered by a reset, which the next write reports.
   */
  static long resetWithin(Socket s, long ms) {
    long end = System.nanoTime() + ms * 1_000_000;
    try {
      OutputStream out = s.getOutputStream();
      while (System.nanoTime() < end) {
        out.write('x');
        out.flush();
        Thread.sleep(20);
      }
      return -1;
    } catch (IOException e) {
      return System.nanoTime();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static Stream<Arguments> jdkCases() {
    return Stream.of(
        Arguments.of(SYNC, "PAYLOAD_TOO_LARGE"), Arguments.of(HOOK, "PAYLOAD_TOO_LARGE"));
  }

  /**
   * Sends {@code c}'s request as {@link #aClientStillSendingItsBodyReadsTheEarlyAnswer} describes;
   * returns the answer, or why it was lost.
   */
  static String stillSending(Case c) throws IOException {
    String framing = c.chunked() ? "Transfer-Encoding: chunked" : "Content-Length: " + DECLARED;
    byte[] head =
        (c.head() + "\r\nHost: 127.0.0.1\r\n" + framing + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] first = new byte[FIRST_PIECE];
    Arrays.fill(first, (byte) 'x');
    byte[] data = new byte[PIECE];
    Arrays.fill(data, (byte) 'x');
    byte[] piece = c.chunked() ? chunk(data) : data;
    byte[] opening = concat(head, c.chunked() ? chunk(first) : first);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), e2e.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      long sent = 0;
      try {
        out.write(opening);
        sent += FIRST_PIECE;
        while (sent < DECLARED && in.available() == 0) {
          out.write(piece);
          sent += piece.length;
        }
      } catch (IOException e) {
        return "lost: " + e + " while sending, " + sent + " bytes of the body written before";
      }
      try {
        return readAnswer(in);
      } catch (IOException e) {
        return "lost: " + e + " while reading";
      }
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /**
   * {@code data} as chunks of 16 KiB, as clients write them (a chunk that declares more than
   * Undertow's 2 MiB entity limit makes Undertow close the connection at once, with no answer).
   */
  static byte[] chunk(byte[] data) {
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    for (int at = 0; at < data.length; at += 16 * 1024) {
      int n = Math.min(16 * 1024, data.length - at);
      chunks.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      chunks.write(data, at, n);
      chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return chunks.toByteArray();
  }

  /** Reads one answer: its head and its Content-Length body. */
  static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head.size() + " bytes: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new IOException("the body cut at " + body.length + " of " + length + " bytes");
    }
    return text + new String(body, StandardCharsets.UTF_8);
  }
}
