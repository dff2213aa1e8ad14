package ru.aidabilling.core.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.core.outbound.BoundedExchangeProtocolTest.readRequest;

import java.io.File;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.outbound.BoundedExchange.Answer;
import ru.aidabilling.core.outbound.BoundedExchange.ExchangeException;
import ru.aidabilling.core.outbound.BoundedExchange.Failure;
import ru.aidabilling.core.outbound.BoundedExchange.Request;
import ru.aidabilling.core.testing.RawServer;

/** Review attacks (mr1) on the exchange's framing, deadline, pool and resources. */
class BoundedExchangeAttackTest {
  static final Duration CONNECT = Duration.ofSeconds(2);
  static final Duration DEADLINE = Duration.ofSeconds(5);
  RawServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static RawServer answering(String answer) {
    return new RawServer(
        (socket, n) -> {
          while (readRequest(socket) != null) {
            RawServer.write(socket, answer);
          }
        });
  }

  static ExchangeException failing(URI uri, Duration deadline, long max) {
    return assertThrows(
        ExchangeException.class,
        () -> BoundedExchange.send(Request.get(uri, Map.of()), CONNECT, deadline, max));
  }

  @Test
  void chunkSizesInEitherCaseAreRead() throws Exception {
    server =
        answering(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n0123456789\r\nA;x=\"y\"\r\n0123456789\r\n0\r\nT: 1\r\n\r\n");
    Answer a = BoundedExchange.send(Request.get(server.uri("/"), Map.of()), CONNECT, DEADLINE, 100);
    assertEquals("01234567890123456789", new String(a.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aBadOrHugeChunkSizeIsBrokenOrTooLarge() {
    for (String size : List.of("-1", "0x10", "zz", "", "FFFFFFFFFFFFFFFF", "1 2")) {
      server =
          answering(
              "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + size
                  + "\r\nabc\r\n0\r\n\r\n");
      ExchangeException e = failing(server.uri("/"), DEADLINE, 1000);
      assertEquals(Failure.BROKEN, e.failure(), size);
      server.close();
    }
    server = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFF\r\n");
    assertEquals(Failure.TOO_LARGE, failing(server.uri("/"), DEADLINE, 1000).failure());
  }

  @Test
  void lfOnlyLineEndsAreRead() throws Exception {
    server = answering("HTTP/1.1 200 OK\nContent-Length: 2\n\nok");
    Answer a = BoundedExchange.send(Request.get(server.uri("/"), Map.of()), CONNECT, DEADLINE, 100);
    assertEquals("ok", new String(a.body(), StandardCharsets.UTF_8));
  }

  @Test
  void garbageInsteadOfAnHttpAnswerIsBroken() {
    server =
        new RawServer(
            (socket, n) -> {
              readRequest(socket);
              RawServer.write(socket, "<html>hello</html>\r\n");
              socket.close();
            });
    ExchangeException e = failing(server.uri("/"), DEADLINE, 1000);
    assertEquals(Failure.BROKEN, e.failure());
    server.close();
    server =
        new RawServer(
            (socket, n) -> {
              readRequest(socket);
              RawServer.write(socket, "<html>hello</html>");
              socket.close();
            });
    assertEquals(Failure.BROKEN, failing(server.uri("/"), DEADLINE, 1000).failure());
  }

  @Test
  void bothContentLengthAndChunkedReadChunkedAndDoNotReuse() throws Exception {
    server =
        answering(
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nok\r\n0\r\n\r\n");
    for (int i = 0; i < 2; i++) {
      Answer a =
          BoundedExchange.send(Request.get(server.uri("/"), Map.of()), CONNECT, DEADLINE, 100);
      assertEquals("ok", new String(a.body(), StandardCharsets.UTF_8));
    }
    assertEquals(2, server.connections());
  }

  @Test
  void contentLengthWithLeadingZerosOrSpacesOrRepeatsIsRead() throws Exception {
    for (String cl : List.of("002", " 2 ", "2, 2", "2\r\nContent-Length: 2")) {
      server = answering("HTTP/1.1 200 OK\r\nContent-Length: " + cl + "\r\n\r\nok");
      Answer a =
          BoundedExchange.send(Request.get(server.uri("/"), Map.of()), CONNECT, DEADLINE, 100);
      assertEquals("ok", new String(a.body(), StandardCharsets.UTF_8), cl);
      server.close();
    }
  }

  @Test
  void stallsMidChunkLineAndMidBodyEndAtTheDeadline() {
    for (String sent :
        List.of(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab",
            "HTTP/1.1 200 OK\r\n\r\nab",
            "")) {
      server =
          new RawServer(
              (socket, n) -> {
                readRequest(socket);
                RawServer.write(socket, sent);
                Thread.sleep(20_000);
              });
      long t0 = System.nanoTime();
      ExchangeException e = failing(server.uri("/"), Duration.ofMillis(800), 1000);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(Failure.TIMEOUT, e.failure(), sent);
      assertTrue(ms >= 790 && ms < 1300, sent + ": ended after " + ms + " ms");
      server.close();
    }
  }

  @Test
  void aTrickleEndsAtTheFirstByteAfterTheDeadline() {
    server =
        new RawServer(
            (socket, n) -> {
              readRequest(socket);
              OutputStream out = socket.getOutputStream();
              out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes());
              for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
              }
            });
    long t0 = System.nanoTime();
    ExchangeException e = failing(server.uri("/"), Duration.ofMillis(800), 10_000);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(Failure.TIMEOUT, e.failure());
    assertTrue(ms < 1300, "ended after " + ms + " ms");
  }

  @Test
  void controlCharactersInHeaderNamesAndValuesAreRefusedUnsent() {
    server = answering("HTTP/1.1 204 No Content\r\n\r\n");
    for (Map<String, String> h :
        List.of(
            Map.of("X-A\r\nX-B", "1"),
            Map.of("X-A", "1\u0000"),
            Map.of("X-A", "1\nX-B: 2"),
            Map.of("X-A", "1\rX-B: 2"),
            Map.of("X A", "1"),
            Map.of("X-A", "\u0100"))) {
      ExchangeException e =
          assertThrows(
              ExchangeException.class,
              () -> BoundedExchange.send(Request.get(server.uri("/"), h), CONNECT, DEADLINE, 100));
      assertEquals(Failure.CONNECT, e.failure());
      assertFalse(e.requestMaybeSent());
    }
    assertEquals(0, server.connections());
  }

  @Test
  void aContentLengthPastAnArrayIsTooLargeNotTruncated() {
    // 2^32 + 2: as an int it is 2
    server = answering("HTTP/1.1 200 OK\r\nContent-Length: 4294967298\r\n\r\nok");
    ExchangeException e = failing(server.uri("/"), DEADLINE, Long.MAX_VALUE);
    assertEquals(Failure.TOO_LARGE, e.failure());
  }

  @Test
  void aChunkPastAnArrayIsTooLargeAtOnce() {
    server = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n80000000\r\nab\r\n");
    ExchangeException e = failing(server.uri("/"), Duration.ofSeconds(1), Long.MAX_VALUE);
    assertEquals(Failure.TOO_LARGE, e.failure());
  }

  @Test
  void concurrentExchangesNeverShareAConnection() throws Exception {
    server =
        new RawServer(
            (socket, n) -> {
              String r;
              while ((r = readRequest(socket)) != null) {
                String id = r.substring(r.indexOf("id=") + 3, r.indexOf(" HTTP/1.1"));
                RawServer.write(
                    socket, "HTTP/1.1 200 OK\r\nContent-Length: " + id.length() + "\r\n\r\n" + id);
              }
            });
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Integer>> all = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        int thread = t;
        all.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < 200; i++) {
                    String id = thread + "-" + i;
                    Answer a =
                        BoundedExchange.send(
                            Request.get(server.uri("/?id=" + id), Map.of()),
                            CONNECT,
                            Duration.ofSeconds(30),
                            100);
                    assertEquals(id, new String(a.body(), StandardCharsets.UTF_8));
                    ok++;
                  }
                  return ok;
                }));
      }
      for (Future<Integer> f : all) {
        assertEquals(200, f.get(5, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(server.connections() <= 32 + 64, "connections: " + server.connections());
  }

  static int openFds() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  @Test
  void failingExchangesLeaveNoSocketOpen() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(openFds() > 0);
    server =
        new RawServer(
            (socket, n) -> {
              readRequest(socket);
              switch (n % 5) {
                case 0 ->
                    RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n");
                case 1 -> RawServer.write(socket, "garbage\r\n\r\n");
                case 2 -> RawServer.reset(socket);
                case 3 ->
                    RawServer.write(
                        socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
                default ->
                    RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nab");
              }
              socket.close();
            });
    URI refused = RawServer.refusedUri("/");
    for (int i = 0; i < 20; i++) { // warm up class loading and the like
      assertThrows(
          Exception.class,
          () ->
              BoundedExchange.send(
                  Request.get(server.uri("/"), Map.of()), CONNECT, DEADLINE, 1000));
    }
    Thread.sleep(200);
    int before = openFds();
    for (int i = 0; i < 1000; i++) {
      URI u = i % 10 == 0 ? refused : server.uri("/");
      assertThrows(
          ExchangeException.class,
          () -> BoundedExchange.send(Request.get(u, Map.of()), CONNECT, DEADLINE, 1000));
    }
    server.close();
    server = null;
    Thread.sleep(500);
    int after = openFds();
    assertTrue(after - before < 10, "fds before " + before + ", after " + after);
  }

  @Test
  void aTlsHandshakeTrickleEndsAtTheDeadline() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = listener.accept()) {
                  OutputStream out = s.getOutputStream();
                  // a handshake record header announcing 16 KiB, then its bytes one by one
                  out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
                  out.flush();
                  for (int i = 0; i < 40; i++) { // 4 s, then the connection closes
                    Thread.sleep(100);
                    out.write(0);
                    out.flush();
                  }
                } catch (Exception e) {
                  // the client left
                }
              });
      t.setDaemon(true);
      t.start();
      URI uri = URI.create("https://127.0.0.1:" + listener.getLocalPort() + "/");
      long t0 = System.nanoTime();
      ExchangeException e =
          assertThrows(
              ExchangeException.class,
              () ->
                  BoundedExchange.send(
                      Request.get(uri, Map.of()),
                      CONNECT,
                      Duration.ofMillis(800),
                      1000,
                      BoundedExchangeTlsTest.trusting("localhost.p12")));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      t.interrupt();
      assertEquals(Failure.TIMEOUT, e.failure());
      assertFalse(e.requestMaybeSent());
      assertTrue(ms < 1300, "ended after " + ms + " ms");
    }
  }

  @Test
  void aKeptTlsConnectionTheServerClosedIsRetriedOnANewOne() throws Exception {
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(BoundedExchangeTlsTest.store("localhost.p12"), BoundedExchangeTlsTest.PASSWORD);
    javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    java.util.concurrent.atomic.AtomicInteger accepted =
        new java.util.concurrent.atomic.AtomicInteger();
    try (ServerSocket listener =
        ctx.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                while (!listener.isClosed()) {
                  try (Socket s = listener.accept()) {
                    int n = accepted.incrementAndGet();
                    readRequest(s);
                    s.getOutputStream()
                        .write(
                            ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + n)
                                .getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    Thread.sleep(100); // then close the kept connection (close_notify)
                  } catch (Exception e) {
                    // the next one
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      URI uri = URI.create("https://127.0.0.1:" + listener.getLocalPort() + "/");
      javax.net.ssl.SSLSocketFactory tls = BoundedExchangeTlsTest.trusting("localhost.p12");
      Answer first = BoundedExchange.send(Request.get(uri, Map.of()), CONNECT, DEADLINE, 10, tls);
      Thread.sleep(400);
      Answer second = BoundedExchange.send(Request.get(uri, Map.of()), CONNECT, DEADLINE, 10, tls);
      assertEquals("1", new String(first.body(), StandardCharsets.UTF_8));
      assertEquals("2", new String(second.body(), StandardCharsets.UTF_8));
      assertEquals(2, accepted.get());
    }
  }
}
