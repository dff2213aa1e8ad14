package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A body whose framing breaks (the client stops sending before its declared length and closes its
 * side) is a bad request: it is answered 400, not a 200 with an empty body, and nothing is written.
 */
class MalformedFramingTest {
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
  void aBodyCutShortByAHalfCloseIs400() throws Exception {
    String answer;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), e2e.port())) {
      s.setSoTimeout(20_000);
      String request =
          String.join(
              "\r\n",
              "POST /api/v1/customers/31/sync HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: Bearer " + EndToEnd.TOKEN,
              "Content-Type: application/json",
              "Content-Length: 1000",
              "",
              "{\"dryRun\":");
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      answer = buf.toString(StandardCharsets.UTF_8);
    }

    assertEquals("HTTP/1.1 400", answer.substring(0, Math.min(12, answer.length())), answer);
    assertEquals(0, e2e.freescout.puts().size());
    assertEquals(200, e2e.publicGet("/healthz").statusCode());
  }
}
