package ru.aidabilling.core.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.outbound.BoundedExchange.Answer;
import ru.aidabilling.core.outbound.BoundedExchange.ExchangeException;
import ru.aidabilling.core.outbound.BoundedExchange.Failure;
import ru.aidabilling.core.outbound.BoundedExchange.Request;
import ru.aidabilling.core.testing.RawServer;

/** The HTTP/1.1 of the exchange, byte by byte, against scripted loopback servers. */
class BoundedExchangeProtocolTest {
  static final Duration CONNECT = Duration.ofSeconds(2);
  static final Duration DEADLINE = Duration.ofSeconds(5);
  RawServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Answer get(URI uri) throws Exception {
    return BoundedExchange.send(Request.get(uri, Map.of()), CONNECT, DEADLINE, 1000);
  }

  static ExchangeException failing(Request request, Duration deadline) {
    return assertThrows(
        ExchangeException.class, () -> BoundedExchange.send(request, CONNECT, deadline, 1000));
  }

  static ExchangeException failingGet(URI uri) {
    return failing(Request.get(uri, Map.of()), DEADLINE);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Reads one request, head and Content-Length body, as ISO-8859-1 text; null at the end. */
  static String readRequest(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String h = head.toString(StandardCharsets.ISO_8859_1);
      if (h.endsWith("\r\n\r\n")) {
        int length = 0;
        for (String line : h.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  /** Answers every request on a connection with {@code answer}, keeping the connection open. */
  static RawServer.Script keepAlive(String answer) {
    return (socket, n) -> {
      while (readRequest(socket) != null) {
        RawServer.write(socket, answer);
      }
    };
  }

  @Test
  void theBytesOfAGetAreExactlyThese() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    server =
        new RawServer(
            (socket, n) -> {
              seen.add(readRequest(socket));
              RawServer.write(socket, "HTTP/1.1 204 No Content\r\n\r\n");
            });
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Api-Key", "k");
    headers.put("Host", "evil.example"); // the exchange's own fields: dropped
    headers.put("Connection", "close");
    headers.put("Expect", "100-continue");
    headers.put("X-Trace", "1 2");
    Answer a =
        BoundedExchange.send(
            Request.get(server.uri("/api/v1/client?phone=%2B7900&x=1"), headers),
            CONNECT,
            DEADLINE,
            1000);
    assertEquals(204, a.status());
    int port = server.uri("/").getPort();
    assertEquals(
        "GET /api/v1/client?phone=%2B7900&x=1 HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + port
            + "\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: aida-billing\r\n"
            + "X-Api-Key: k\r\n"
            + "X-Trace: 1 2\r\n"
            + "\r\n",
        seen.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void theBytesOfAPutAreExactlyTheseWithTheCallersAcceptAndAgent() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("accept", "application/json");
    headers.put("User-Agent", "other");
    byte[] body = "{\"a\":\"б\"}".getBytes(StandardCharsets.UTF_8);
    server =
        new RawServer(
            (socket, n) -> {
              seen.add(readRequest(socket));
              RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
              seen.add(readRequest(socket));
              RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            });
    BoundedExchange.send(
        new Request("PUT", server.uri("/c/1"), headers, body), CONNECT, DEADLINE, 1000);
    BoundedExchange.send(
        new Request("PUT", server.uri("/c/2"), Map.of(), new byte[0]), CONNECT, DEADLINE, 1000);
    int port = server.uri("/").getPort();
    assertEquals(
        "PUT /c/1 HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + port
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "accept: application/json\r\n"
            + "User-Agent: other\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n\r\n"
            + new String(body, StandardCharsets.ISO_8859_1),
        seen.poll(5, TimeUnit.SECONDS));
    assertEquals(
        "PUT /c/2 HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nAccept: */*\r\nUser-Agent: aida-billing\r\nContent-Length: 0\r\n\r\n",
        seen.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void aHeaderValueWithCrOrLfIsRefusedAndNothingIsSent() throws Exception {
    server = new RawServer(keepAlive("HTTP/1.1 204 No Content\r\n\r\n"));
    for (String value : List.of("a\r\nX-Evil: 1", "a\nb", "a\rb", "a\u0000b")) {
      ExchangeException e =
          failing(Request.get(server.uri("/"), Map.of("X-Note", value)), DEADLINE);
      assertEquals(Failure.CONNECT, e.failure());
      assertFalse(e.requestMaybeSent(), value);
    }
    ExchangeException e =
        failing(Request.get(server.uri("/"), Map.of("X-No\r\nte", "a")), DEADLINE);
    assertEquals(Failure.CONNECT, e.failure());
    assertFalse(e.requestMaybeSent());
    ExchangeException ftp = failingGet(URI.create("ftp://127.0.0.1/x"));
    assertEquals(Failure.CONNECT, ftp.failure());
    assertFalse(ftp.requestMaybeSent());
    Thread.sleep(100);
    assertEquals(0, server.connections(), "not even a connection was made");
  }

  @Test
  void aChunkedBodyWithExtensionsAndTrailersIsReadAndItsConnectionKept() throws Exception {
    server =
        new RawServer(
            keepAlive(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "4;name=value\r\n{\"a\"\r\n"
                    + "A ; x=\"y\"\r\n:\"0123456\"\r\n"
                    + "1\r\n}\r\n"
                    + "0;last\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n"));
    for (int i = 0; i < 2; i++) {
      Answer a = get(server.uri("/"));
      assertEquals("{\"a\":\"0123456\"}", text(a.body()));
    }
    assertEquals(1, server.connections());
  }

  /** Chunk lines are capped one by one, not as a whole: many small chunks are fine. */
  @Test
  void aBodyOfManySmallChunksIsRead() throws Exception {
    StringBuilder answer =
        new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 30_000; i++) {
      answer.append("1\r\nz\r\n");
    }
    server = new RawServer(keepAlive(answer + "0\r\n\r\n"));
    Answer a =
        BoundedExchange.send(Request.get(server.uri("/"), Map.of()), CONNECT, DEADLINE, 100_000);
    assertEquals(30_000, a.body().length);
  }

  @Test
  void aChunkLineOverItsCapIsBroken() {
    server =
        new RawServer(
            keepAlive(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;"
                    + "x".repeat(5000)
                    + "\r\nz\r\n0\r\n\r\n"));
    assertEquals(Failure.BROKEN, failingGet(server.uri("/")).failure());
  }

  @Test
  void interimAnswersBeforeTheAnswerAreSkipped() throws Exception {
    server =
        new RawServer(
            keepAlive(
                "HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    Answer a = get(server.uri("/"));
    assertEquals(200, a.status());
    assertEquals("ok", text(a.body()));
    assertFalse(a.headers().containsKey("Link"), "the interim answer's fields are not kept");
  }

  @Test
  void repeatedHeadersAreKeptInOrderUnderTheFirstSpelling() throws Exception {
    server =
        new RawServer(
            keepAlive(
                "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-One:  v  \r\nset-cookie: b=2\r\n"
                    + "Content-Length: 0\r\n\r\n"));
    Answer a = get(server.uri("/"));
    assertEquals(List.of("a=1", "b=2"), a.headers().get("SET-COOKIE"));
    assertTrue(a.headers().keySet().contains("Set-Cookie"));
    assertEquals("v", a.header("x-one").orElseThrow());
  }

  @Test
  void aConflictingOrInvalidContentLengthIsBroken() {
    for (String fields :
        List.of(
            "Content-Length: 2\r\nContent-Length: 3\r\n",
            "Content-Length: 2, 3\r\n",
            "Content-Length: -2\r\n",
            "Content-Length: 0x2\r\n")) {
      server = new RawServer(keepAlive("HTTP/1.1 200 OK\r\n" + fields + "\r\nokk"));
      assertEquals(Failure.BROKEN, failingGet(server.uri("/")).failure(), fields);
      server.close();
    }
    server = new RawServer(keepAlive("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok"));
    try {
      assertEquals("ok", text(get(server.uri("/")).body()), "equal values are one length");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFoldedOrMalformedHeadIsBroken() {
    for (String head :
        List.of(
            "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
            "HTTP/2 200 OK\r\n\r\n",
            "SSH-2.0-OpenSSH\r\n\r\n")) {
      server = new RawServer(keepAlive(head));
      assertEquals(Failure.BROKEN, failingGet(server.uri("/")).failure(), head);
      server.close();
    }
  }

  @Test
  void aHeadOverTheCapIsBroken() {
    String big = "x".repeat(1000);
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (int i = 0; i < 70; i++) {
      head.append("X-").append(i).append(": ").append(big).append("\r\n");
    }
    server = new RawServer(keepAlive(head + "Content-Length: 0\r\n\r\n"));
    assertEquals(Failure.BROKEN, failingGet(server.uri("/")).failure());
  }

  @Test
  void aHeadJustUnderTheCapIsRead() throws Exception {
    String big = "x".repeat(1000);
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nX-Long: " + "y".repeat(20_000));
    head.append("\r\n");
    for (int i = 0; i < 40; i++) {
      head.append("X-").append(i).append(": ").append(big).append("\r\n");
    }
    server = new RawServer(keepAlive(head + "Content-Length: 2\r\n\r\nok"));
    Answer a = get(server.uri("/"));
    assertEquals(20_000, a.header("X-Long").orElseThrow().length());
    assertEquals("ok", text(a.body()));
  }

  @Test
  void aBodyOverTheCapIsTooLargeAnnouncedOrNot() {
    server = new RawServer(keepAlive("HTTP/1.1 200 OK\r\nContent-Length: 1001\r\n\r\n"));
    assertEquals(Failure.TOO_LARGE, failingGet(server.uri("/")).failure());
    server.close();
    server =
        new RawServer(
            (socket, n) -> {
              readRequest(socket);
              RawServer.write(socket, "HTTP/1.1 200 OK\r\n\r\n" + "z".repeat(1001));
              Thread.sleep(20_000);
            });
    assertEquals(Failure.TOO_LARGE, failingGet(server.uri("/")).failure());
    server.close();
    server =
        new RawServer(
            keepAlive(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n"
                    + "z".repeat(1000)
                    + "\r\n1\r\nz\r\n0\r\n\r\n"));
    assertEquals(Failure.TOO_LARGE, failingGet(server.uri("/")).failure());
  }

  @Test
  void aBodyToTheEndOfTheConnectionIsReadAndTheConnectionNotReused() throws Exception {
    server =
        new RawServer(
            (socket, n) -> {
              readRequest(socket);
              RawServer.write(socket, "HTTP/1.1 200 OK\r\n\r\nhello ");
              RawServer.write(socket, "world");
              socket.close();
            });
    assertEquals("hello world", text(get(server.uri("/")).body()));
    assertEquals("hello world", text(get(server.uri("/")).body()));
    assertEquals(2, server.connections());
  }

  @Test
  void connectionCloseOrHttp10IsNotReused() throws Exception {
    for (String answer :
        List.of(
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
            "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
      server = new RawServer(keepAlive(answer)); // the server would keep it
      assertEquals("ok", text(get(server.uri("/")).body()));
      assertEquals("ok", text(get(server.uri("/")).body()));
      assertEquals(2, server.connections(), answer);
      server.close();
    }
    server =
        new RawServer(
            keepAlive("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"));
    get(server.uri("/"));
    get(server.uri("/"));
    assertEquals(1, server.connections(), "HTTP/1.0 with keep-alive is reused");
  }

  @Test
  void anIdleConnectionPastTheServersKeepAliveTimeIsNotReused() throws Exception {
    server =
        new RawServer(
            keepAlive("HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1\r\nContent-Length: 2\r\n\r\nok"));
    get(server.uri("/"));
    get(server.uri("/"));
    assertEquals(1, server.connections(), "within its time it is reused");
    Thread.sleep(1100);
    get(server.uri("/"));
    assertEquals(2, server.connections(), "past its time it is not");
  }

  /** The server answers once per connection, then closes it while it is idle in the pool. */
  static RawServer.Script answerOnceThenCloseIdle(BlockingQueue<String> seen) {
    return (socket, n) -> {
      while (true) {
        String request = readRequest(socket);
        if (request == null) {
          return;
        }
        seen.add(n + " " + request.substring(0, request.indexOf(' ')));
        RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        if (n == 1) {
          socket.close();
          return;
        }
      }
    };
  }

  @Test
  void aStaleKeptConnectionIsRetriedOnceOnANewOneForGetAndPut() throws Exception {
    for (String method : List.of("GET", "PUT")) {
      BlockingQueue<String> seen = new LinkedBlockingQueue<>();
      server = new RawServer(answerOnceThenCloseIdle(seen));
      byte[] body = method.equals("PUT") ? new byte[] {'{', '}'} : null;
      Request r = new Request(method, server.uri("/"), Map.of(), body);
      BoundedExchange.send(r, CONNECT, DEADLINE, 1000);
      Thread.sleep(200); // the server's close reaches the idle connection
      Answer a = BoundedExchange.send(r, CONNECT, DEADLINE, 1000);
      assertEquals("ok", text(a.body()));
      assertEquals(2, server.connections(), method);
      assertEquals(List.of("1 " + method, "2 " + method), List.copyOf(seen));
      server.close();
    }
  }

  @Test
  void aStaleKeptConnectionIsNotRetriedForPost() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    server = new RawServer(answerOnceThenCloseIdle(seen));
    Request post = new Request("POST", server.uri("/"), Map.of(), new byte[] {'{', '}'});
    BoundedExchange.send(post, CONNECT, DEADLINE, 1000);
    Thread.sleep(200);
    ExchangeException e = failing(post, DEADLINE);
    assertEquals(Failure.CONNECT, e.failure());
    assertTrue(e.requestMaybeSent());
    assertEquals(1, server.connections());
  }

  @Test
  void aRetriedPutWhoseNewConnectionIsRefusedMayStillHaveBeenSent() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    server = new RawServer(answerOnceThenCloseIdle(seen));
    Request put = new Request("PUT", server.uri("/"), Map.of(), new byte[] {'{', '}'});
    BoundedExchange.send(put, CONNECT, DEADLINE, 1000);
    server.close(); // closes the listener and the kept connection: the retry is refused
    Thread.sleep(200);
    ExchangeException e = failing(put, DEADLINE);
    assertEquals(Failure.CONNECT, e.failure());
    assertTrue(e.requestMaybeSent(), "the first attempt may have reached the server");
  }

  @Test
  void aStallInTheHeadEndsAtTheDeadline() {
    server =
        new RawServer(
            (socket, n) -> {
              readRequest(socket);
              RawServer.write(socket, "HTTP/1.1 200 OK\r\nX-A: ");
              Thread.sleep(20_000);
            });
    long t0 = System.nanoTime();
    ExchangeException e = failing(Request.get(server.uri("/"), Map.of()), Duration.ofSeconds(1));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(Failure.TIMEOUT, e.failure());
    assertTrue(ms >= 990 && ms < 1500, "ended after " + ms + " ms");
  }

  @Test
  void anIpv6LiteralIsSentInBrackets() throws Exception {
    InetAddress v6;
    ServerSocket listener;
    try {
      v6 = InetAddress.getByName("::1");
      listener = new ServerSocket(0, 5, v6);
    } catch (IOException e) {
      Assumptions.abort("no ::1 here: " + e);
      return;
    }
    try (listener) {
      BlockingQueue<String> seen = new LinkedBlockingQueue<>();
      Thread t =
          new Thread(
              () -> {
                try (Socket s = listener.accept()) {
                  seen.add(readRequest(s));
                  RawServer.write(s, "HTTP/1.1 204 No Content\r\n\r\n");
                  s.getInputStream().read();
                } catch (IOException e) {
                  seen.add("failed: " + e);
                }
              });
      t.setDaemon(true);
      t.start();
      int port = listener.getLocalPort();
      assertEquals(204, get(URI.create("http://[::1]:" + port + "/v6")).status());
      String request = seen.poll(5, TimeUnit.SECONDS);
      assertTrue(request.contains("\r\nHost: [::1]:" + port + "\r\n"), request);
    }
  }

  @Test
  void theDefaultPortIsLeftOutOfTheHostField() throws Exception {
    assertEquals("example.org", hostField("http://example.org:80/a"));
    assertEquals("example.org", hostField("https://example.org/a"));
    assertEquals("example.org:443", hostField("http://example.org:443/a"));
    assertEquals("[::1]:8080", hostField("http://[::1]:8080/a"));
    assertEquals("[::1]", hostField("https://[::1]:443/a"));
  }

  static String hostField(String uri) throws ExchangeException {
    return BoundedExchange.Target.of(URI.create(uri), null).hostField();
  }

  @Test
  void headAnd204And304HaveNoBodyWhateverTheirFieldsSay() throws Exception {
    server =
        new RawServer(
            (socket, n) -> {
              readRequest(socket);
              RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
              readRequest(socket);
              RawServer.write(socket, "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n");
              readRequest(socket);
              RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
              Thread.sleep(20_000);
            });
    Answer head =
        BoundedExchange.send(
            new Request("HEAD", server.uri("/"), Map.of(), null), CONNECT, DEADLINE, 1000);
    assertArrayEquals(new byte[0], head.body());
    assertEquals(304, get(server.uri("/")).status());
    assertEquals("ok", text(get(server.uri("/")).body()));
    assertEquals(1, server.connections());
  }
}
