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
 * Idle connections that each declare a maximal body to the webhook (which needs no token, and whose
 * signature can only be checked once the body is in) must not fill the heap, nor crowd out the
 * agents: one without a signature that could match is refused before its body is read; past the
 * webhook's own body budget (1 MiB) further ones are answered 503 at once while token requests go
 * on, and once they go away the webhook takes bodies again.
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
  void declaredButUnsentBodiesPastTheWebhookBudgetAre503AndTheBudgetComesBack() throws Exception {
    int declared = 64 * 1024; // the default AIDA_MAX_BODY_BYTES
    int fit = (1 << 20) / declared; // 16
    List<Socket> idle = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    try {
      for (int i = 0; i < fit; i++) {
        idle.add(open(declared));
      }
      // the server takes the budget as it reads each head; let it catch up with the last ones
      Thread.sleep(500);
      try (Socket extra = open(declared)) {
        extra.setSoTimeout(10_000);
        InputStream in = extra.getInputStream();
        refused.add(head(in));
        for (String line = head(in); !line.isEmpty(); line = head(in)) {
          refused.add(line);
        }
      }
      assertEquals(200, e2e.publicGet("/healthz").statusCode(), "still healthy");
      assertEquals(200, e2e.sync31().statusCode(), "the agents' requests have their own budget");
      assertTrue(
          e2e.publicGet("/metrics").body().contains("aida_http_overloaded_total 1.0"),
          "counted as an overload");
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }

    assertTrue(refused.get(0).startsWith("HTTP/1.1 503"), refused.toString());
    assertTrue(refused.contains("Retry-After: 1"), refused.toString());
    // the closed connections gave their share back: a signed webhook is taken again
    long deadline = System.currentTimeMillis() + 10_000;
    int status;
    do {
      Thread.sleep(100);
      status = e2e.publicGet("/healthz").statusCode();
      try (Socket again = open(10)) {
        again.setSoTimeout(10_000);
        again
            .getOutputStream()
            .write("{\"a\":12345}".substring(0, 10).getBytes(StandardCharsets.UTF_8));
        String answer = head(again.getInputStream());
        if (!answer.startsWith("HTTP/1.1 503")) {
          assertTrue(answer.startsWith("HTTP/1.1 403"), "read and checked (unsigned): " + answer);
          return;
        }
      }
    } while (System.currentTimeMillis() < deadline);
    throw new AssertionError("the budget never came back (healthz " + status + ")");
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
   * A connection that sent the webhook's head, declaring {@code length} body bytes, with a
   * signature that has an HMAC-SHA1's length (so it is checked only once the body is in).
   */
  private static Socket open(int length) throws Exception {
    return open(e2e.port(), length);
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
