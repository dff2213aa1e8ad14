package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.aidabilling.http.api.WebhookEndpoint;

/**
 * A client that sends {@code Expect: 100-continue} holds its body back until the server says {@code
 * 100 Continue} (curl waits a second, then sends anyway; with a longer wait it would hit the body
 * time-out). The server says it once the head passed every check and the body is about to be read;
 * a head refused early (401) gets its refusal instead, without the body being asked for.
 */
class ExpectContinueTest {
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
  void theSyncSaysContinueThenTakesTheBody() throws Exception {
    String body = "{\"dryRun\":true}";
    try (Conversation c = new Conversation(e2e.port())) {
      c.head(
          "POST /api/v1/customers/31/sync HTTP/1.1",
          "Host: 127.0.0.1",
          "Authorization: Bearer " + EndToEnd.TOKEN,
          "Content-Type: application/json",
          "Content-Length: " + body.length(),
          "Expect: 100-continue",
          "Connection: close");
      assertTrue(c.line(3_000).startsWith("HTTP/1.1 100"), "told to send the body");
      assertEquals("", c.line(3_000), "the 100's empty header block");
      String answer = c.send(body).rest();
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.contains("\"status\":\"dry-run\""), answer);
    }
  }

  @Test
  void getBalanceSaysContinueThenTakesTheBody() throws Exception {
    String body = "{\"customer_id\":31,\"phone\":\"" + EndToEnd.PHONE + "\"}";
    try (Conversation c = new Conversation(e2e.port())) {
      c.head(
          "POST /get_balance HTTP/1.1",
          "Host: 127.0.0.1",
          "Authorization: Bearer " + EndToEnd.TOKEN,
          "Content-Type: application/json",
          "Content-Length: " + body.length(),
          "Expect: 100-continue",
          "Connection: close");
      assertTrue(c.line(3_000).startsWith("HTTP/1.1 100"), "told to send the body");
      assertEquals("", c.line(3_000), "the 100's empty header block");
      String answer = c.send(body).rest();
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.contains("\"success\":true"), answer);
    }
  }

  @Test
  void theWebhookSaysContinueThenChecksTheSignedBody() throws Exception {
    byte[] body = "{\"id\":31}".getBytes(StandardCharsets.UTF_8);
    try (Conversation c = new Conversation(e2e.port())) {
      c.head(
          "POST /api/v1/freescout/webhook HTTP/1.1",
          "Host: 127.0.0.1",
          "Content-Type: application/json",
          "Content-Length: " + body.length,
          "X-FreeScout-Event: customer.created",
          "X-FreeScout-Signature: " + WebhookEndpoint.sign(body, EndToEnd.WEBHOOK_SECRET),
          "Expect: 100-continue",
          "Connection: close");
      assertTrue(c.line(3_000).startsWith("HTTP/1.1 100"), "told to send the body");
      assertEquals("", c.line(3_000), "the 100's empty header block");
      String answer = c.send(body).rest();
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.contains("\"customerId\":31"), answer);
    }
  }

  @Test
  void aHeadRefusedEarlyGetsItsRefusalAndNoContinue() throws Exception {
    try (Conversation c = new Conversation(e2e.port())) {
      c.head(
          "POST /api/v1/customers/31/sync HTTP/1.1",
          "Host: 127.0.0.1",
          "Authorization: Bearer wrong-token",
          "Content-Type: application/json",
          "Content-Length: 15",
          "Expect: 100-continue");
      assertTrue(c.line(3_000).startsWith("HTTP/1.1 401"), "refused without the body");
    }
  }

  @Test
  void aRefusalBeforeTheBodyClosesTheConnectionInsteadOfReadingItWithoutLimits() throws Exception {
    try (Conversation c = new Conversation(e2e.port())) {
      c.head(
          "POST /api/v1/customers/31/sync HTTP/1.1",
          "Host: 127.0.0.1",
          "Content-Type: application/json",
          "Transfer-Encoding: chunked");
      c.send("ffff\r\n{"); // then a trickle that would never end
      String answer = c.rest(); // until the server closes: it must, at once

      assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
      assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
      assertTrue(c.millis() < 5_000, "closed at once, not after a body time-out: " + c.millis());
    }
  }

  @Test
  void anAnswerWithoutABodyToReadKeepsTheConnection() throws Exception {
    try (Conversation c = new Conversation(e2e.port())) {
      c.head("GET /api/v1/nothing-here HTTP/1.1", "Host: 127.0.0.1");
      assertTrue(c.line(3_000).startsWith("HTTP/1.1 404"));
      String rest = "";
      for (String line = c.line(3_000); !line.isEmpty(); line = c.line(3_000)) {
        rest += line + "\n";
      }
      org.junit.jupiter.api.Assertions.assertFalse(
          rest.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), rest);
    }
  }
}
