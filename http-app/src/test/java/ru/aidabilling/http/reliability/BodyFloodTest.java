package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idle connections that each declare a maximal body must not fill the heap, nor crowd out others.
 * The webhook needs no token and its signature can only be checked once the body is in: one without
 * a signature that could match is refused before its body is read, its bodies (at most 1 MiB) are
 * read as they arrive and never held, and its own budget has room for one delivery on every
 * connection the server accepts, so idle webhook connections never block a real delivery. Past the
 * agents' budget (8 MiB) further syncs are answered 503 at once while the webhook goes on, and once
 * they go away syncs are taken again.
 */
class BodyFloodTest {
  static EndToEnd e2e;

  @BeforeAll
  static void start() {
    e2e = new EndToEnd();
  }

  @AfterAll
  static void stop() {
    e2e.close();
  }

  @Test
  void aWebhookWithoutASignatureThatCouldMatchIsRefusedBeforeItsBodyIsRead() throws Exception {
    for (String signature : new String[] {null, "AAAA", "not base64!"}) {
      try (Socket s = open(e2e.port(), 64 * 1024, signature)) {
        s.setSoTimeout(10_000);
        assertTrue(head(s.getInputStream()).startsWith("HTTP/1.1 403"), "no body sent at all");
      }
    }
  }

  @Test
  void idleChunkedWebhookConnectionsNoLongerBlockARealDelivery() throws Exception {
    // 16 was enough before: each reserved 64 KiB of a 1 MiB budget for the whole body time-out
    int idleCount = 16;
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < idleCount; i++) {
        idle.add(openChunked(e2e.port()));
      }
      Thread.sleep(500); // the server takes the budget as it reads each head

      byte[] body = "{\"id\":31}".getBytes(StandardCharsets.UTF_8);
      RawHttp.Answer a =
          RawHttp.request(
              e2e.port(),
              "POST",
              "/api/v1/freescout/webhook",
              List.of(
                  "Content-Type: application/json",
                  "X-FreeScout-Event: customer.created",
                  "X-FreeScout-Signature: " + SecurityTest.sign(body)),
              body);
      assertEquals(200, a.status(), a.toString());
      assertEquals(31, EndToEnd.json(a.body()).path("customerId").asInt(), a.toString());
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void aSignedWebhookBodyOver1MibIs413() {
    byte[] body = ("{\"id\":31,\"pad\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes();
    RawHttp.Answer a =
        RawHttp.request(
            e2e.port(),
            "POST",
            "/api/v1/freescout/webhook",
            List.of(
                "Content-Type: application/json",
                "X-FreeScout-Event: customer.created",
                "X-FreeScout-Signature: " + SecurityTest.sign(body)),
            body);

    assertEquals(413, a.status(), a.toString());
    assertEquals("PAYLOAD_TOO_LARGE", EndToEnd.json(a.body()).path("code").asText());
  }

  @Test
  void aCustomerWithALongCyrillicNoteStillComesThrough() {
    // PHP's json_encode writes each Cyrillic letter as a 6-byte escape: 4 000 letters ≈ 24 KiB
    String note = "\\u0417\\u0430\\u043c".repeat(1_334);
    byte[] body = ("{\"id\":31,\"notes\":\"" + note + "\"}").getBytes();
    assertTrue(body.length > 16 * 1024 && body.length < 32 * 1024, "" + body.length);
    RawHttp.Answer a =
        RawHttp.request(
            e2e.port(),
            "POST",
            "/api/v1/freescout/webhook",
            List.of(
                "Content-Type: application/json",
                "X-FreeScout-Event: customer.created",
                "X-FreeScout-Signature: " + SecurityTest.sign(body)),
            body);

    assertEquals(200, a.status(), a.toString());
  }

  @Test
  void declaredButUnsentBodiesPastTheAgentsBudgetAre503AndTheBudgetComesBack() throws Exception {
    int declared = 64 * 1024; // the default AIDA_MAX_BODY_BYTES
    int fit = (8 << 20) / declared; // 128
    double overloads = overloadedTotal();
    List<Socket> idle = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    try {
      for (int i = 0; i < fit; i++) {
        idle.add(openSync(e2e.port(), declared));
      }
      // the server takes the budget as it reads each head; let it catch up with the last ones
      Thread.sleep(500);
      try (Socket extra = openSync(e2e.port(), declared)) {
        extra.setSoTimeout(10_000);
        InputStream in = extra.getInputStream();
        refused.add(head(in));
        for (String line = head(in); !line.isEmpty(); line = head(in)) {
          refused.add(line);
        }
      }
      assertEquals(200, e2e.publicGet("/healthz").statusCode(), "still healthy");
      byte[] body = "{\"id\":31}".getBytes(StandardCharsets.UTF_8);
      assertEquals(
          200,
          RawHttp.request(
                  e2e.port(),
                  "POST",
                  "/api/v1/freescout/webhook",
                  List.of(
                      "X-FreeScout-Event: customer.created",
                      "X-FreeScout-Signature: " + SecurityTest.sign(body)),
                  body)
              .status(),
          "the webhook has its own budget");
      assertEquals(overloads + 1, overloadedTotal(), "counted as an overload");
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }

    assertTrue(refused.get(0).startsWith("HTTP/1.1 503"), refused.toString());
    assertTrue(refused.contains("Retry-After: 1"), refused.toString());
    // the closed connections gave their share back: the agents' syncs are taken again
    long deadline = System.currentTimeMillis() + 10_000;
    int status;
    do {
      Thread.sleep(100);
      status = e2e.sync31().statusCode();
      if (status == 200) {
        return;
      }
    } while (System.currentTimeMillis() < deadline);
    throw new AssertionError("the budget never came back (sync " + status + ")");
  }

  @Test
  void aBodyTrickledInPastTheBodyTimeoutLosesItsConnection() throws Exception {
    try (EndToEnd quick =
        new EndToEnd(s -> s.with(ru.aidabilling.core.settings.Setting.BODY_TIMEOUT_MS, "500"))) {
      long start = System.nanoTime();
      int read;
      try (Socket slow = open(quick.port(), 1000)) {
        slow.setSoTimeout(10_000);
        slow.getOutputStream().write('{'); // one byte, then nothing: the read time-out is 30 s
        slow.getOutputStream().flush();
        InputStream in = slow.getInputStream();
        while ((read = in.read()) >= 0) {
          // whatever the server says before it closes
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis >= 400 && millis < 5_000, "closed after the body time-out: " + millis);
      assertEquals(200, quick.publicGet("/healthz").statusCode());
    }
  }

  /**
   * A connection that sent the webhook's head for a chunked body (reserved at the webhook's limit)
   * with a signature that has an HMAC-SHA1's length, and nothing more.
   */
  private static Socket openChunked(int port) throws Exception {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    String head =
        String.join(
            "\r\n",
            "POST /api/v1/freescout/webhook HTTP/1.1",
            "Host: 127.0.0.1",
            "X-FreeScout-Signature: AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "Transfer-Encoding: chunked",
            "",
            "");
    s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
    return s;
  }

  /** A connection that sent a sync's head with the token, declaring {@code length} body bytes. */
  private static Socket openSync(int port, int length) throws Exception {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    String head =
        String.join(
            "\r\n",
            "POST /api/v1/customers/31/sync HTTP/1.1",
            "Host: 127.0.0.1",
            "Authorization: Bearer " + EndToEnd.TOKEN,
            "Content-Type: application/json",
            "Content-Length: " + length,
            "",
            "");
    s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
    return s;
  }

  private static Socket open(int port, int length) throws Exception {
    return open(port, length, java.util.Base64.getEncoder().encodeToString(new byte[20]));
  }

  private static Socket open(int port, int length, String signature) throws Exception {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    List<String> lines = new ArrayList<>();
    lines.add("POST /api/v1/freescout/webhook HTTP/1.1");
    lines.add("Host: 127.0.0.1");
    lines.add("Content-Type: application/json");
    lines.add("Content-Length: " + length);
    if (signature != null) {
      lines.add("X-FreeScout-Signature: " + signature);
    }
    lines.add("");
    lines.add("");
    String head = String.join("\r\n", lines);
    s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
    return s;
  }

  private static double overloadedTotal() {
    return e2e.publicGet("/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith("aida_http_overloaded_total "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
        .sum();
  }

  /** The status line of the answer. */
  private static String head(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().strip();
  }
}
