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
 * signature can only be checked once the body is in) must not fill the heap: past the service's
 * body budget (8 MiB) further ones are answered 503 at once, and once they go away the service
 * takes bodies again.
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
  void declaredButUnsentBodiesPastTheBudgetAre503AndTheBudgetComesBack() throws Exception {
    int declared = 64 * 1024; // the default AIDA_MAX_BODY_BYTES
    int fit = (8 << 20) / declared; // 128
    List<Socket> idle = new ArrayList<>();
    String refused;
    try {
      for (int i = 0; i < fit; i++) {
        idle.add(open(declared));
      }
      // the server takes the budget as it reads each head; let it catch up with the last ones
      Thread.sleep(500);
      try (Socket extra = open(declared)) {
        extra.setSoTimeout(10_000);
        refused = head(extra.getInputStream());
      }
      assertEquals(200, e2e.publicGet("/healthz").statusCode(), "still healthy");
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }

    assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
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

  /** A connection that sent the webhook's head, declaring {@code length} body bytes. */
  private static Socket open(int length) throws Exception {
    return open(e2e.port(), length);
  }

  private static Socket open(int port, int length) throws Exception {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    String head =
        String.join(
            "\r\n",
            "POST /api/v1/freescout/webhook HTTP/1.1",
            "Host: 127.0.0.1",
            "Content-Type: application/json",
            "Content-Length: " + length,
            "",
            "");
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
