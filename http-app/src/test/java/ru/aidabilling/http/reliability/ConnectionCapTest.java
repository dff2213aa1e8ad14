package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.settings.Setting;

/**
 * AIDA_MAX_CONNECTIONS: idle connections cannot pile up without bound (each holds a file descriptor
 * the upstream calls and the audit file also need). At the cap the server stops accepting; a new
 * client waits in the listen queue, unanswered but not refused, and is served as soon as one of the
 * open connections closes.
 */
class ConnectionCapTest {
  static final int CAP = 4;

  @Test
  void pastTheCapANewClientWaitsAndIsServedWhenOneCloses() throws Exception {
    try (EndToEnd e2e = new EndToEnd(s -> s.with(Setting.MAX_CONNECTIONS, String.valueOf(CAP)))) {
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < CAP; i++) {
          idle.add(new Socket(InetAddress.getLoopbackAddress(), e2e.port()));
        }
        // each idle connection is answered on it, so the server has surely accepted all of them
        for (Socket s : idle) {
          assertTrue(healthz(s).startsWith("HTTP/1.1 200"));
        }
        try (Socket waiting = new Socket(InetAddress.getLoopbackAddress(), e2e.port())) {
          waiting.setSoTimeout(700);
          send(waiting);
          assertThrows(SocketTimeoutException.class, () -> head(waiting.getInputStream()));

          idle.remove(0).close();
          waiting.setSoTimeout(10_000);
          String answer = head(waiting.getInputStream());
          assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      assertEquals(200, e2e.publicGet("/healthz").statusCode(), "accepting again");
    }
  }

  @Test
  void theCapIsASettingWithBounds() {
    ru.aidabilling.core.settings.SettingsException e =
        assertThrows(
            ru.aidabilling.core.settings.SettingsException.class,
            () -> new EndToEnd(s -> s.with(Setting.MAX_CONNECTIONS, "0")));
    assertTrue(e.getMessage().contains("AIDA_MAX_CONNECTIONS"), e.getMessage());
  }

  /** Sends GET /healthz on {@code s} (keep-alive) and returns the status line. */
  static String healthz(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    send(s);
    return head(s.getInputStream());
  }

  static void send(Socket s) throws IOException {
    s.getOutputStream()
        .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  /** Reads one whole answer (head and its Content-Length body); returns the status line. */
  static String head(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after: " + head);
      }
      head.append((char) b);
    }
    String h = head.toString();
    int at = h.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
    if (at >= 0) {
      int end = h.indexOf("\r\n", at);
      int length = Integer.parseInt(h.substring(at + "content-length:".length(), end).strip());
      in.readNBytes(length);
    }
    return h.substring(0, h.indexOf("\r\n"));
  }
}
