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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.settings.Setting;

/**
 * FreeScout's {@code customer.created} body is the whole customer, and PHP escapes each Cyrillic
 * letter of its notes as 6 bytes: a customer with long notes sends hundreds of KiB. The webhook
 * reads such a body as it arrives (Content-Length or chunked), keeps only the id, and acts only
 * once the whole body is in and signed; past 1 MiB it answers 413.
 */
class LargeWebhookTest {
  static final String PATH = "/api/v1/freescout/webhook";
  EndToEnd e2e = new EndToEnd();

  @AfterEach
  void close() {
    e2e.close();
  }

  /**
   * A customer.created as PHP's json_encode writes it: notes of {@code letters} Cyrillic letters as
   * escapes, other fields, and the id last (after the notes), with an {@code id} nested before it.
   */
  static byte[] customer(int id, int letters) {
    StringBuilder notes = new StringBuilder();
    String[] word = {"\\u0417", "\\u0430", "\\u043c", "\\u0435", "\\u0442", "\\u043a", "\\u0430"};
    for (int i = 0; i < letters; i++) {
      notes.append(i % 8 == 7 ? " " : word[i % 7]);
    }
    return ("{\"firstName\":\"Ivan\",\"photoUrl\":\"https:\\/\\/x\\/a.png\",\"notes\":\""
            + notes
            + "\",\"_embedded\":{\"phones\":[{\"id\":0,\"value\":\"+79004445566\"}],"
            + "\"emails\":[{\"id\":7,\"value\":\"a@b.c\"}]},\"id\":"
            + id
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static List<String> headers(byte[] body, String signature) {
    return List.of(
        "Content-Type: application/json",
        "X-FreeScout-Event: customer.created",
        "X-FreeScout-Signature: " + signature);
  }

  @Test
  void a300KibCustomerWithLongCyrillicNotesIsSynced() {
    byte[] body = customer(31, 57_200); // 57 200 letters (one in 8 a space): 300 KiB
    assertTrue(body.length > 300 * 1024 && body.length < 310 * 1024, "" + body.length);

    RawHttp.Answer a =
        RawHttp.request(e2e.port(), "POST", PATH, headers(body, SecurityTest.sign(body)), body);

    assertEquals(200, a.status(), a.toString());
    assertEquals("updated", EndToEnd.json(a.body()).path("status").asText(), a.toString());
    assertEquals(31, EndToEnd.json(a.body()).path("customerId").asInt(), "the id after the notes");
    assertEquals(1, e2e.freescout.puts().size());
    assertTrue(e2e.auditLines().stream().allMatch(l -> l.contains("\"webhook\"")));
  }

  @Test
  void aChunkedCustomerSentInSmallPiecesIsSynced() throws Exception {
    byte[] body = customer(31, 57_200);

    RawHttp.Answer a = chunked(body, SecurityTest.sign(body), 4096, true);

    assertEquals(200, a.status(), a.toString());
    assertEquals("updated", EndToEnd.json(a.body()).path("status").asText(), a.toString());
    assertEquals(1, e2e.freescout.puts().size());
  }

  @Test
  void theSameWithAWrongSignatureIs403AndNothingIsSynced() throws Exception {
    byte[] body = customer(31, 57_200);
    String wrong = SecurityTest.sign(body, "another-secret");

    RawHttp.Answer length = RawHttp.request(e2e.port(), "POST", PATH, headers(body, wrong), body);
    RawHttp.Answer chunked = chunked(body, wrong, 16 * 1024, false);
    // the signature wins over whatever the body holds
    byte[] broken = "{\"id\":31,".getBytes(StandardCharsets.UTF_8);
    RawHttp.Answer malformed =
        RawHttp.request(e2e.port(), "POST", PATH, headers(broken, wrong), broken);

    for (RawHttp.Answer a : List.of(length, chunked, malformed)) {
      assertEquals(403, a.status(), a.toString());
      assertEquals("SIGNATURE_INVALID", EndToEnd.json(a.body()).path("code").asText());
    }
    assertEquals(0, e2e.billing.requests());
    assertTrue(e2e.freescout.puts().isEmpty());
    assertTrue(e2e.auditLines().isEmpty());
  }

  @Test
  void aBodyOverOneMibIs413WithContentLengthOrChunked() throws Exception {
    byte[] body = customer(31, 200_000); // 200 000 letters: over 1 MiB
    assertTrue(body.length > 1024 * 1024, "" + body.length);
    byte[] justFits = customer(31, 190_000);
    assertTrue(justFits.length < 1024 * 1024, "" + justFits.length);

    RawHttp.Answer declared =
        RawHttp.request(e2e.port(), "POST", PATH, headers(body, SecurityTest.sign(body)), body);
    RawHttp.Answer chunked = chunked(body, SecurityTest.sign(body), 16 * 1024, false);

    for (RawHttp.Answer a : List.of(declared, chunked)) {
      assertEquals(413, a.status(), a.toString());
      assertEquals("PAYLOAD_TOO_LARGE", EndToEnd.json(a.body()).path("code").asText());
    }
    assertTrue(e2e.freescout.puts().isEmpty());
    // a 64 KiB string limit (JSON's) still applies: these notes are one string of 190 000 letters
    RawHttp.Answer fits =
        RawHttp.request(
            e2e.port(), "POST", PATH, headers(justFits, SecurityTest.sign(justFits)), justFits);
    assertEquals(200, fits.status(), fits.toString());
    assertEquals("skipped", EndToEnd.json(fits.body()).path("status").asText(), fits.toString());
    assertTrue(e2e.freescout.puts().isEmpty());
  }

  @Test
  void aBodyThatStopsMidWayWritesNothingAndTheNextDeliveryIsSynced() throws Exception {
    byte[] body = customer(31, 57_200);
    String head =
        String.join(
            "\r\n",
            "POST " + PATH + " HTTP/1.1",
            "Host: 127.0.0.1",
            "Content-Type: application/json",
            "X-FreeScout-Event: customer.created",
            "X-FreeScout-Signature: " + SecurityTest.sign(body),
            "Content-Length: " + body.length,
            "",
            "");
    for (int i = 0; i < 20; i++) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), e2e.port())) {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.UTF_8));
        // all but the id: what would be read is the notes
        out.write(body, 0, body.length - 4);
        out.flush();
        Thread.sleep(20);
      } // closed mid-way
    }
    Thread.sleep(300);

    assertTrue(e2e.freescout.puts().isEmpty());
    assertTrue(e2e.auditLines().isEmpty());
    assertEquals(0, e2e.billing.requests());
    RawHttp.Answer whole =
        RawHttp.request(e2e.port(), "POST", PATH, headers(body, SecurityTest.sign(body)), body);
    assertEquals(200, whole.status(), whole.toString());
    assertEquals("updated", EndToEnd.json(whole.body()).path("status").asText());
  }

  @Test
  void idleConnectionsThatDeclareTheLargestBodyDoNotBlockARealDelivery() throws Exception {
    // 40 connections: a webhook budget of 40 × 32 KiB = 1.25 MiB. Each delivery takes its fixed
    // share, whatever it declares; counted by declared bytes, the first idle one would hold 1 MiB
    // and leave no room for the real one.
    e2e.close();
    e2e = new EndToEnd(s -> s.with(Setting.MAX_CONNECTIONS, "40"));
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), e2e.port());
        String head =
            String.join(
                "\r\n",
                "POST " + PATH + " HTTP/1.1",
                "Host: 127.0.0.1",
                "X-FreeScout-Signature: AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "Content-Length: " + 1024 * 1024,
                "",
                "");
        s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        idle.add(s);
      }
      Thread.sleep(500); // the server takes its share as it reads each head

      byte[] body = customer(31, 57_200);
      RawHttp.Answer a =
          RawHttp.request(e2e.port(), "POST", PATH, headers(body, SecurityTest.sign(body)), body);
      assertEquals(200, a.status(), a.toString());
      assertEquals(31, EndToEnd.json(a.body()).path("customerId").asInt(), a.toString());
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  /** Sends {@code body} chunked, {@code size} bytes a chunk, flushing (and pausing) between. */
  private RawHttp.Answer chunked(byte[] body, String signature, int size, boolean pause)
      throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), e2e.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      String head =
          String.join(
              "\r\n",
              "POST " + PATH + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Connection: close",
              "Content-Type: application/json",
              "X-FreeScout-Event: customer.created",
              "X-FreeScout-Signature: " + signature,
              "Transfer-Encoding: chunked",
              "",
              "");
      out.write(head.getBytes(StandardCharsets.UTF_8));
      try {
        for (int at = 0; at < body.length; at += size) {
          int n = Math.min(size, body.length - at);
          ByteArrayOutputStream chunk = new ByteArrayOutputStream();
          chunk.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          chunk.write(body, at, n);
          chunk.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.write(chunk.toByteArray());
          out.flush();
          if (pause && at / size % 10 == 0) {
            Thread.sleep(5);
          }
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (java.net.SocketException e) {
        // the server answered early (413) and closed: its answer is what counts
      }
      return RawHttp.readAnswer(s.getInputStream());
    }
  }
}
