package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.settings.Setting;

/**
 * The webhook's body read as it arrives, at its edges: deliveries pipelined on one connection are
 * each read to their own end and answered in order, and every way a delivery can end without a sync
 * (cut short, timed out, too large, broken framing, wrong signature) gives its share of the
 * webhook's budget back, so that none of them can wear the budget down. Each round goes past the
 * budget's 32 shares, and only the time-out's test lets the body time-out pass, so that the timer
 * cannot be what gives a leaked share back.
 */
class StreamedWebhookEdgesTest {
  static final String PATH = "/api/v1/freescout/webhook";
  static final int ROUNDS = 34; // past the 32 shares of the webhook budget's floor
  EndToEnd e2e;

  @AfterEach
  void close() {
    if (e2e != null) {
      e2e.close();
    }
  }

  private static String head(byte[] body, String signature, String framing) {
    return String.join(
        "\r\n",
        "POST " + PATH + " HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/json",
        "X-FreeScout-Event: customer.created",
        "X-FreeScout-Signature: " + signature,
        framing,
        "",
        "");
  }

  @Test
  void deliveriesPipelinedOnOneConnectionAreEachReadToTheirEndAndAnsweredInOrder()
      throws Exception {
    e2e = new EndToEnd();
    byte[] large = LargeWebhookTest.customer(31, 57_200); // 300 KiB, the id after the notes
    byte[] small = "{\"id\":31}".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(
        head(large, SecurityTest.sign(large), "Content-Length: " + large.length)
            .getBytes(StandardCharsets.US_ASCII));
    all.write(large);
    all.write(
        head(small, SecurityTest.sign(small), "Transfer-Encoding: chunked")
            .getBytes(StandardCharsets.US_ASCII));
    all.write(("9\r\n{\"id\":31}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    all.write(
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));

    String answers;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), e2e.port())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(all.toByteArray()); // in one go: the next head follows each body
      s.getOutputStream().flush();
      answers = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    List<String> statuses = new ArrayList<>();
    Matcher m = Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(answers);
    while (m.find()) {
      statuses.add(m.group(1));
    }
    assertEquals(List.of("200", "200", "200"), statuses, answers);
    int first = answers.indexOf("\"customerId\":31");
    int second = answers.indexOf("\"customerId\":31", first + 1);
    assertTrue(first > 0 && second > first, "both deliveries synced: " + answers);
    assertTrue(
        answers.lastIndexOf("HTTP/1.1 200") > second, "the health check answered last: " + answers);
  }

  @Test
  void everyWayADeliveryCanEndBeforeItsBodyIsWholeGivesItsShareBack() throws Exception {
    // 4 connections: the webhook budget's floor, 1 MiB, holds 32 deliveries of 32 KiB. Each way
    // of ending is repeated past that: one share kept by any of them and the last delivery is 503.
    // The body time-out (10 s) does not pass meanwhile, so it cannot be what gives a share back.
    e2e = new EndToEnd(s -> s.with(Setting.MAX_CONNECTIONS, "4"));
    byte[] body = LargeWebhookTest.customer(31, 5_000);
    String signature = SecurityTest.sign(body);
    for (int i = 0; i < ROUNDS; i++) {
      // the client goes away mid-body
      try (Socket s = socket()) {
        OutputStream out = s.getOutputStream();
        out.write(
            head(body, signature, "Content-Length: " + body.length)
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
      }
    }
    byte[] piece = new byte[64 * 1024];
    java.util.Arrays.fill(piece, (byte) ' ');
    for (int i = 0; i < ROUNDS; i++) {
      // a chunked body past 1 MiB: 413 while it is still being sent
      try (Socket s = socket()) {
        OutputStream out = s.getOutputStream();
        out.write(
            head(body, signature, "Transfer-Encoding: chunked")
                .getBytes(StandardCharsets.US_ASCII));
        try {
          for (int sent = 0; sent <= 1024 * 1024; sent += piece.length) {
            out.write(
                (Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(piece);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.flush();
        } catch (java.net.SocketException e) {
          // answered and closed before all was sent
        }
        assertEquals(413, RawHttp.readAnswer(s.getInputStream()).status(), "too large " + i);
      }
    }
    for (int i = 0; i < ROUNDS; i++) {
      // broken chunked framing mid-body, and a signature that does not match
      RawHttp.Answer broken =
          RawHttp.sendBytes(
              e2e.port(),
              (head(body, signature, "Transfer-Encoding: chunked")
                      + "5\r\n{\"id\"\r\n"
                      + "fffffffffff\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      // Undertow closes the connection itself (no answer) or the service says 400
      assertTrue(List.of(0, 400).contains(broken.status()), broken.toString());
      RawHttp.Answer unsigned =
          RawHttp.request(
              e2e.port(),
              "POST",
              PATH,
              LargeWebhookTest.headers(body, SecurityTest.sign(body, "another-secret")),
              body);
      assertEquals(403, unsigned.status(), unsigned.toString());
    }

    RawHttp.Answer real =
        RawHttp.request(e2e.port(), "POST", PATH, LargeWebhookTest.headers(body, signature), body);
    assertEquals(200, real.status(), real.toString());
    assertEquals(31, EndToEnd.json(real.body()).path("customerId").asInt(), real.toString());
  }

  @Test
  void aDeliveryWhoseBodyTimesOutMidWayGivesItsShareBack() throws Exception {
    e2e =
        new EndToEnd(
            s -> s.with(Setting.MAX_CONNECTIONS, "4").with(Setting.BODY_TIMEOUT_MS, "100"));
    byte[] body = LargeWebhookTest.customer(31, 5_000);
    String signature = SecurityTest.sign(body);
    for (int i = 0; i < ROUNDS; i++) {
      // the body does not come whole within AIDA_BODY_TIMEOUT_MS: 400, the connection closed
      try (Socket s = socket()) {
        OutputStream out = s.getOutputStream();
        out.write(
            head(body, signature, "Content-Length: " + body.length)
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        assertEquals(400, RawHttp.readAnswer(s.getInputStream()).status(), "time-out " + i);
      }
    }
    RawHttp.Answer real =
        RawHttp.request(e2e.port(), "POST", PATH, LargeWebhookTest.headers(body, signature), body);
    assertEquals(200, real.status(), real.toString());
  }

  private Socket socket() throws Exception {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), e2e.port());
    s.setSoTimeout(20_000);
    return s;
  }
}
