package ru.aidabilling.core.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.outbound.BoundedExchange.Answer;
import ru.aidabilling.core.outbound.BoundedExchange.ExchangeException;
import ru.aidabilling.core.outbound.BoundedExchange.Failure;
import ru.aidabilling.core.outbound.BoundedExchange.Request;
import ru.aidabilling.core.testing.RawServer;

/** The exchange itself, against scripted servers on loopback. */
class BoundedExchangeTest {
  static final Duration CONNECT = Duration.ofSeconds(2);
  static final Duration DEADLINE = Duration.ofSeconds(5);
  RawServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The exchange's failure for a GET of {@code uri} with a 1000-byte cap. */
  static ExchangeException failing(URI uri, Duration deadline) {
    return assertThrows(
        ExchangeException.class,
        () -> BoundedExchange.send(Request.get(uri, Map.of()), CONNECT, deadline, 1000));
  }

  /** Answers every request on a connection with {@code answer}, keeping the connection open. */
  static RawServer.Script keepAlive(String answer) {
    return (socket, n) -> {
      while (true) {
        try {
          RawServer.readHead(socket);
        } catch (IOException closed) {
          return;
        }
        RawServer.write(socket, answer);
      }
    };
  }

  static String ok(int status, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return "HTTP/1.1 "
        + status
        + " X\r\nContent-Type: application/json\r\nContent-Length: "
        + b.length
        + "\r\n\r\n"
        + body;
  }

  @Test
  void answersOnOneConnectionAreReusedWhenReadWhole() throws Exception {
    server = new RawServer(keepAlive(ok(200, "{\"a\":\"б\"}")));
    for (int i = 0; i < 5; i++) {
      Answer a =
          BoundedExchange.send(Request.get(server.uri("/x"), Map.of()), CONNECT, DEADLINE, 1024);
      assertEquals(200, a.status());
      assertArrayEquals("{\"a\":\"б\"}".getBytes(StandardCharsets.UTF_8), a.body());
      assertEquals("application/json", a.header("content-type").orElseThrow());
    }
    assertEquals(1, server.connections(), "five calls, one kept-alive connection");
  }

  @Test
  void anErrorStatusStillGivesItsBody() throws Exception {
    server = new RawServer(keepAlive(ok(401, "{\"message\":\"Not Authorized\"}")));
    Request put =
        new Request(
            "PUT",
            server.uri("/c/1"),
            Map.of("Content-Type", "application/json"),
            new byte[] {'{', '}'});
    Answer a = BoundedExchange.send(put, CONNECT, DEADLINE, 1024);
    assertEquals(401, a.status());
    assertEquals("{\"message\":\"Not Authorized\"}", new String(a.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aBodyOverTheCapFailsAndItsConnectionIsClosed() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    server =
        new RawServer(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(
                  socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n");
              RawServer.write(socket, "x".repeat(0x800) + "\r\n");
              socket.setSoTimeout(10_000);
              try {
                if (socket.getInputStream().read() < 0) {
                  closed.countDown();
                }
              } catch (IOException e) {
                closed.countDown();
              }
            });
    ExchangeException e = failing(server.uri("/"), DEADLINE);
    assertEquals(Failure.TOO_LARGE, e.failure());
    assertTrue(closed.await(5, TimeUnit.SECONDS), "the connection was closed, not kept");
  }

  /** The read time-out is what is left of the deadline, so a stalled body ends at it. */
  @Test
  void aStalledBodyEndsAtTheDeadlineAsATimeOut() {
    server =
        new RawServer(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{");
              Thread.sleep(20_000);
            });
    long t0 = System.nanoTime();
    ExchangeException e = failing(server.uri("/"), Duration.ofMillis(1000));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(Failure.TIMEOUT, e.failure());
    assertTrue(ms >= 990 && ms < 1500, "ended after " + ms + " ms");
  }

  @Test
  void aBodyShorterThanItsContentLengthIsBrokenNotAnswered() {
    server =
        new RawServer(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"client\":");
              socket.close(); // a clean close, not a reset
            });
    ExchangeException e = failing(server.uri("/"), DEADLINE);
    assertEquals(Failure.BROKEN, e.failure());
  }

  @Test
  void aChunkedBodyThatStopsBeforeItsLastChunkIsBroken() {
    server =
        new RawServer(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(
                  socket,
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"client\":");
              socket.close();
            });
    ExchangeException e = failing(server.uri("/"), DEADLINE);
    assertEquals(Failure.BROKEN, e.failure());
  }

  @Test
  void aBodyStalledInOneExchangeDoesNotDelayTheDeadlineOfAnother() throws Exception {
    // A: headers after 1.5 s, then a body that never comes; its deadline (2 s) passes while its
    // read is blocked, and the JDK's close of that stream waits for the read.
    server =
        new RawServer(
            (socket, n) -> {
              RawServer.readHead(socket);
              Thread.sleep(1500);
              RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{");
              Thread.sleep(20_000);
            });
    try (RawServer trickle =
        new RawServer(
            (socket, n) -> {
              RawServer.readHead(socket);
              for (char ch : "HTTP/1.1 200 OK\r\nX-Slow: ".toCharArray()) {
                RawServer.write(socket, String.valueOf(ch));
                Thread.sleep(100);
              }
              Thread.sleep(20_000);
            })) {
      Thread a =
          new Thread(
              () -> {
                try {
                  BoundedExchange.send(
                      Request.get(server.uri("/"), Map.of()), CONNECT, Duration.ofSeconds(2), 1000);
                } catch (Exception expected) {
                  // TIMEOUT
                }
              });
      a.start();
      Thread.sleep(2100);
      // B: headers that trickle in a byte every 100 ms: only the deadline check can end it.
      long t0 = System.nanoTime();
      ExchangeException e = failing(trickle.uri("/"), Duration.ofMillis(300));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(Failure.TIMEOUT, e.failure());
      assertTrue(ms < 1000, "B ended after " + ms + " ms");
      a.join(10_000);
    }
  }

  @Test
  void aRefusedConnectionIsAConnectFailureAndTheUrlIsNotInTheMessage() {
    ExchangeException e = failing(RawServer.refusedUri("/api?phone=%2B79004445566"), DEADLINE);
    assertEquals(Failure.CONNECT, e.failure());
    assertTrue(!e.technical().contains("79004445566"), e.technical());
  }

  @Test
  void anInterruptedCallerDoesNotStart() {
    Thread.currentThread().interrupt();
    assertThrows(
        InterruptedException.class,
        () ->
            BoundedExchange.send(
                Request.get(RawServer.refusedUri("/"), Map.of()), CONNECT, DEADLINE, 1000));
    assertTrue(!Thread.interrupted());
  }

  /**
   * The exchange starts no thread of its own (an application server that reloads the code is not
   * left with a thread pinning the old class loader): the deadline is the socket's read time-out.
   * The first exchange makes the server's connection thread; the second one, a stall on the same
   * kept connection, ends at its deadline with no thread started in the whole JVM.
   */
  @Test
  void itStartsNoThreadEvenWhenTheDeadlinePasses() throws Exception {
    server =
        new RawServer(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(socket, ok(200, "{}"));
              RawServer.readHead(socket);
              Thread.sleep(20_000);
            });
    assertEquals(
        200,
        BoundedExchange.send(Request.get(server.uri("/a"), Map.of()), CONNECT, DEADLINE, 1000)
            .status());
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long started = threads.getTotalStartedThreadCount();
    assertEquals(Failure.TIMEOUT, failing(server.uri("/stall"), Duration.ofMillis(300)).failure());
    assertEquals(1, server.connections(), "the stall was on the kept connection");
    assertEquals(started, threads.getTotalStartedThreadCount(), "threads started by the exchange");
  }
}
