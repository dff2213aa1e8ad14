package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table: malformed, mistyped, oversized, hostile and plain wrong requests to every
 * route, sent as raw bytes (so nothing is cleaned up by a client library on the way). Each must get
 * a 4xx answer (the precise status where the spec fixes one), never a 500, never a stack trace or
 * exception name, and must write nothing to FreeScout.
 */
class BadInputTest {
  static EndToEnd e2e;

  @BeforeAll
  static void start() {
    e2e = new EndToEnd();
  }

  @AfterAll
  static void stop() {
    e2e.close();
  }

  static final String SYNC = "/api/v1/customers/31/sync";
  static final String JSON = "Content-Type: application/json";
  static final String AUTH = "Authorization: Bearer " + EndToEnd.TOKEN;
  static final String MIB_STRING = "a".repeat(1024 * 1024);

  /** Expected status for a request the HTTP layer may legitimately normalise and serve. */
  static final int ANY_CLEAN = -1;

  /** Expected status when the HTTP layer may also close the connection without an answer. */
  static final int CLOSED_OR_4XX = -2;

  /**
   * One bad request. {@code expected} 0 means "any 4xx", {@link #ANY_CLEAN} any answer but a 5xx,
   * {@link #CLOSED_OR_4XX} a 4xx or no answer; {@code code} null means the body is not checked for
   * a code (e.g. Undertow's own refusal of a malformed request line).
   */
  record Bad(
      String name,
      String method,
      String target,
      List<String> headers,
      byte[] body,
      int expected,
      String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(String a, byte[] mid, String b) {
    byte[] x = utf8(a);
    byte[] z = utf8(b);
    byte[] all = new byte[x.length + mid.length + z.length];
    System.arraycopy(x, 0, all, 0, x.length);
    System.arraycopy(mid, 0, all, x.length, mid.length);
    System.arraycopy(z, 0, all, x.length + mid.length, z.length);
    return all;
  }

  static Bad post(String name, String target, String body, int expected, String code) {
    return new Bad(name, "POST", target, List.of(AUTH, JSON), utf8(body), expected, code);
  }

  static Bad postBytes(String name, String target, byte[] body, int expected, String code) {
    return new Bad(name, "POST", target, List.of(AUTH, JSON), body, expected, code);
  }

  static Bad get(String name, String target, int expected, String code) {
    return new Bad(name, "GET", target, List.of(AUTH), new byte[0], expected, code);
  }

  static Bad withHeaders(
      String name,
      String method,
      String target,
      List<String> headers,
      String body,
      int expected,
      String code) {
    return new Bad(name, method, target, headers, utf8(body), expected, code);
  }

  static Stream<Bad> table() {
    byte[] invalidUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
    List<Bad> t = new ArrayList<>();
    String v = "VALIDATION";
    // --- POST /api/v1/customers/{id}/sync: bodies
    t.add(post("sync: malformed JSON", SYNC, "{\"phone\":", 400, v));
    t.add(post("sync: single quotes", SYNC, "{'phone':'+79004445566'}", 400, v));
    t.add(post("sync: phone as number", SYNC, "{\"phone\":79004445566}", 400, v));
    t.add(post("sync: phone as object", SYNC, "{\"phone\":{\"v\":\"+7900\"}}", 400, v));
    t.add(post("sync: phone not a phone", SYNC, "{\"phone\":\"call me\"}", 400, v));
    t.add(post("sync: dryRun as string", SYNC, "{\"dryRun\":\"yes\"}", 400, v));
    t.add(post("sync: dryRun as 1", SYNC, "{\"dryRun\":1}", 400, v));
    t.add(post("sync: contract as array", SYNC, "{\"contract\":[\"0138\"]}", 400, v));
    t.add(post("sync: array instead of object", SYNC, "[{\"phone\":\"+79004445566\"}]", 400, v));
    t.add(post("sync: string instead of object", SYNC, "\"+79004445566\"", 400, v));
    t.add(post("sync: null instead of object", SYNC, "null", 400, v));
    t.add(post("sync: number instead of object", SYNC, "31", 400, v));
    t.add(post("sync: duplicate keys", SYNC, "{\"dryRun\":true,\"dryRun\":false}", 400, v));
    t.add(post("sync: trailing garbage", SYNC, "{} {\"dryRun\":false}", 400, v));
    t.add(post("sync: huge number", SYNC, "{\"dryRun\":1" + "0".repeat(400) + "}", 400, v));
    t.add(post("sync: huge exponent", SYNC, "{\"dryRun\":1e999999999}", 400, v));
    t.add(post("sync: deep nesting", SYNC, "[".repeat(5000) + "]".repeat(5000), 400, v));
    t.add(post("sync: raw control character", SYNC, "{\"contract\":\"01\u000138\"}", 400, v));
    t.add(
        post(
            "sync: 60 KiB contract",
            SYNC,
            "{\"contract\":\"" + "9".repeat(60_000) + "\"}",
            400,
            v));
    t.add(
        post(
            "sync: 1 MiB string",
            SYNC,
            "{\"contract\":\"" + MIB_STRING + "\"}",
            413,
            "PAYLOAD_TOO_LARGE"));
    t.add(
        postBytes(
            "sync: invalid UTF-8", SYNC, concat("{\"contract\":\"", invalidUtf8, "\"}"), 400, v));
    t.add(
        withHeaders(
            "sync: text/plain body",
            "POST",
            SYNC,
            List.of(AUTH, "Content-Type: text/plain"),
            "{}",
            415,
            "UNSUPPORTED_MEDIA_TYPE"));
    t.add(
        withHeaders(
            "sync: form body",
            "POST",
            SYNC,
            List.of(AUTH, "Content-Type: application/x-www-form-urlencoded"),
            "phone=%2B79004445566",
            415,
            "UNSUPPORTED_MEDIA_TYPE"));
    t.add(
        withHeaders(
            "sync: XML body",
            "POST",
            SYNC,
            List.of(AUTH, "Content-Type: application/xml"),
            "<sync/>",
            415,
            "UNSUPPORTED_MEDIA_TYPE"));
    t.add(
        withHeaders(
            "sync: JSON in cp1251",
            "POST",
            SYNC,
            List.of(AUTH, "Content-Type: application/json; charset=cp1251"),
            "{}",
            415,
            "UNSUPPORTED_MEDIA_TYPE"));
    // --- sync: the id in the path
    t.add(post("sync: id zero", "/api/v1/customers/0/sync", "{}", 400, v));
    t.add(post("sync: id negative", "/api/v1/customers/-31/sync", "{}", 400, v));
    t.add(
        post("sync: id overflow", "/api/v1/customers/99999999999999999999999/sync", "{}", 400, v));
    t.add(post("sync: id Long.MAX+1", "/api/v1/customers/9223372036854775808/sync", "{}", 400, v));
    t.add(post("sync: id 1e3", "/api/v1/customers/1e3/sync", "{}", 400, v));
    t.add(post("sync: id with space", "/api/v1/customers/%2031/sync", "{}", 400, v));
    t.add(post("sync: id letters", "/api/v1/customers/abc/sync", "{}", 400, v));
    t.add(post("sync: traversal encoded", "/api/v1/customers/..%2F..%2Fetc/sync", "{}", 0, null));
    t.add(post("sync: traversal plain", "/api/v1/customers/../../etc/passwd", "{}", 0, null));
    t.add(post("sync: NUL id", "/api/v1/customers/%00/sync", "{}", 0, null));
    t.add(post("sync: id then NUL", "/api/v1/customers/31%00/sync", "{}", 0, null));
    t.add(
        post(
            "sync: id with CRLF encoded",
            "/api/v1/customers/31%0D%0ASet-Cookie:x=1/sync",
            "{}",
            0,
            null));
    t.add(
        post(
            "sync: 10 KiB id", "/api/v1/customers/" + "1".repeat(10_000) + "/sync", "{}", 0, null));
    t.add(post("sync: extra segment", SYNC + "/more", "{}", 404, "NOT_FOUND"));
    // --- sync: methods
    t.add(new Bad("sync: GET", "GET", SYNC, List.of(AUTH), new byte[0], 405, "METHOD_NOT_ALLOWED"));
    t.add(
        new Bad(
            "sync: PUT", "PUT", SYNC, List.of(AUTH, JSON), utf8("{}"), 405, "METHOD_NOT_ALLOWED"));
    t.add(
        new Bad(
            "sync: DELETE", "DELETE", SYNC, List.of(AUTH), new byte[0], 405, "METHOD_NOT_ALLOWED"));
    t.add(new Bad("sync: HEAD", "HEAD", SYNC, List.of(AUTH), new byte[0], 405, null));
    // --- sync: headers
    t.add(
        withHeaders(
            "sync: actor with raw UTF-8",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "X-Aida-Actor: freescout-user:1 Тарас"),
            "{}",
            400,
            v));
    t.add(
        withHeaders(
            "sync: 10 KiB actor",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "X-Aida-Actor: " + "a".repeat(10_000)),
            "{}",
            400,
            v));
    t.add(
        withHeaders(
            "sync: actor with bare CR",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "X-Aida-Actor: evil\rX-Injected: 1"),
            "{}",
            400,
            null));
    t.add(
        withHeaders(
            "sync: actor with bare LF",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "X-Aida-Actor: evil\nX-Injected: 1"),
            "{}",
            0,
            null));
    t.add(
        withHeaders(
            "sync: actor with NUL",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "X-Aida-Actor: evil\u0000user"),
            "{}",
            400,
            null));
    t.add(
        withHeaders(
            "sync: request id with bare CR",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "X-Request-Id: abc\rSet-Cookie: pwn=1"),
            "{}",
            400,
            null));
    // RFC 9112 lets a server fold an obs-fold line into the value (Undertow does): no injection
    t.add(
        withHeaders(
            "sync: obs-fold header",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "X-Aida-Actor: a", " Set-Cookie: pwn=1"),
            "{\"dryRun\":true}",
            ANY_CLEAN,
            null));
    t.add(
        withHeaders(
            "sync: both lengths (smuggling)",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "Content-Length: 2", "Transfer-Encoding: chunked"),
            "0\r\n\r\n",
            0,
            null));
    // Undertow drops the connection on broken chunk framing before any handler can answer
    t.add(
        withHeaders(
            "sync: bad chunk size",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "Transfer-Encoding: chunked"),
            "zz\r\n{}\r\n0\r\n\r\n",
            CLOSED_OR_4XX,
            null));
    t.add(
        withHeaders(
            "sync: negative length",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "Content-Length: -1"),
            "{}",
            0,
            null));
    t.add(
        withHeaders(
            "sync: 20 KiB header",
            "POST",
            SYNC,
            List.of(AUTH, JSON, "X-Junk: " + "j".repeat(20_000)),
            "{}",
            0,
            null));
    // --- GET /api/v1/billing/accounts
    t.add(get("accounts: no phone", "/api/v1/billing/accounts", 400, v));
    t.add(get("accounts: empty phone", "/api/v1/billing/accounts?phone=", 400, v));
    t.add(get("accounts: letters", "/api/v1/billing/accounts?phone=abc", 400, v));
    t.add(
        get(
            "accounts: two phones",
            "/api/v1/billing/accounts?phone=%2B79004445566&phone=%2B79001234567",
            400,
            v));
    t.add(get("accounts: NUL", "/api/v1/billing/accounts?phone=%2B7900%00444", 400, v));
    t.add(get("accounts: invalid UTF-8", "/api/v1/billing/accounts?phone=%FF%FE", 400, v));
    t.add(get("accounts: broken escape", "/api/v1/billing/accounts?phone=%ZZ", 0, null));
    t.add(
        get(
            "accounts: 10 KiB phone",
            "/api/v1/billing/accounts?phone=" + "7".repeat(10_000),
            0,
            null));
    t.add(get("accounts: foreign phone", "/api/v1/billing/accounts?phone=%2B12025550100", 400, v));
    t.add(
        new Bad(
            "accounts: POST",
            "POST",
            "/api/v1/billing/accounts?phone=%2B79004445566",
            List.of(AUTH, JSON),
            utf8("{}"),
            405,
            "METHOD_NOT_ALLOWED"));
    // --- GET /api/v1/ping
    t.add(
        new Bad(
            "ping: POST",
            "POST",
            "/api/v1/ping",
            List.of(AUTH, JSON),
            utf8("{}"),
            405,
            "METHOD_NOT_ALLOWED"));
    t.add(
        new Bad(
            "ping: PUT",
            "PUT",
            "/api/v1/ping",
            List.of(AUTH, JSON),
            utf8("{}"),
            405,
            "METHOD_NOT_ALLOWED"));
    // --- POST /get_balance (the seed's shape: {"success": false, "code": ...})
    String gb = "/get_balance";
    t.add(post("get_balance: empty body", gb, "", 400, v));
    t.add(post("get_balance: malformed JSON", gb, "{\"customer_id\":", 400, v));
    t.add(
        post(
            "get_balance: id as a string that is no number",
            gb,
            "{\"customer_id\":\"31abc\",\"phone\":\"+79004445566\"}",
            400,
            v));
    t.add(
        post(
            "get_balance: id as float",
            gb,
            "{\"customer_id\":31.5,\"phone\":\"+79004445566\"}",
            400,
            v));
    t.add(
        post(
            "get_balance: id overflow",
            gb,
            "{\"customer_id\":99999999999999999999999,\"phone\":\"+79004445566\"}",
            400,
            v));
    t.add(
        post(
            "get_balance: id negative",
            gb,
            "{\"customer_id\":-31,\"phone\":\"+79004445566\"}",
            400,
            v));
    t.add(
        post(
            "get_balance: id boolean",
            gb,
            "{\"customer_id\":true,\"phone\":\"+79004445566\"}",
            400,
            v));
    t.add(
        post(
            "get_balance: id of 19 digits as a number",
            gb,
            "{\"customer_id\":9223372036854775807,\"phone\":\"+79004445566\"}",
            400,
            v));
    t.add(
        post(
            "get_balance: id of 19 digits as a number, the least",
            gb,
            "{\"customer_id\":1000000000000000000,\"phone\":\"+79004445566\"}",
            400,
            v));
    t.add(post("get_balance: no phone", gb, "{\"customer_id\":31}", 400, v));
    t.add(post("get_balance: phone null", gb, "{\"customer_id\":31,\"phone\":null}", 400, v));
    t.add(
        post(
            "get_balance: phone as array",
            gb,
            "{\"customer_id\":31,\"phone\":[\"+79004445566\"]}",
            400,
            v));
    t.add(post("get_balance: array body", gb, "[31,\"+79004445566\"]", 400, v));
    t.add(
        post(
            "get_balance: 1 MiB phone",
            gb,
            "{\"customer_id\":31,\"phone\":\"" + MIB_STRING + "\"}",
            413,
            "PAYLOAD_TOO_LARGE"));
    t.add(
        postBytes(
            "get_balance: invalid UTF-8",
            gb,
            concat("{\"customer_id\":31,\"phone\":\"", invalidUtf8, "\"}"),
            400,
            v));
    t.add(
        withHeaders(
            "get_balance: a form body (its type is not checked, as in the seed; the body is)",
            "POST",
            gb,
            List.of(AUTH, "Content-Type: application/x-www-form-urlencoded"),
            "customer_id=31&phone=%2B79004445566",
            400,
            v));
    t.add(
        new Bad(
            "get_balance: GET", "GET", gb, List.of(AUTH), new byte[0], 405, "METHOD_NOT_ALLOWED"));
    // --- POST /api/v1/freescout/webhook (signed correctly, so only the content is wrong):
    // FreeScout redelivers 4xx answers too, so a body no redelivery can fix is 200 "skipped"
    t.add(signed("webhook: malformed JSON", "{\"id\":", 200, v));
    t.add(signed("webhook: array body", "[31]", 200, v));
    t.add(signed("webhook: id as string", "{\"id\":\"31\"}", 200, v));
    t.add(signed("webhook: id overflow", "{\"id\":1" + "0".repeat(30) + "}", 200, v));
    t.add(signed("webhook: id of 19 digits", "{\"id\":9223372036854775807}", 200, v));
    t.add(signed("webhook: no id", "{\"firstName\":\"Ivan\"}", 200, v));
    t.add(signed("webhook: empty body", "", 200, v));
    t.add(
        new Bad(
            "webhook: GET",
            "GET",
            "/api/v1/freescout/webhook",
            List.of(),
            new byte[0],
            405,
            "METHOD_NOT_ALLOWED"));
    t.add(
        new Bad(
            "webhook: 1 MiB body",
            "POST",
            "/api/v1/freescout/webhook",
            List.of(
                JSON,
                "X-FreeScout-Event: customer.created",
                // the length of an HMAC-SHA1, so that only the body can be wrong
                "X-FreeScout-Signature: AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            utf8("{\"id\":31,\"x\":\"" + MIB_STRING + "\"}"),
            413,
            "PAYLOAD_TOO_LARGE"));
    t.add(
        new Bad(
            "webhook: 1 MiB body without a signature that could match",
            "POST",
            "/api/v1/freescout/webhook",
            List.of(JSON, "X-FreeScout-Event: customer.created", "X-FreeScout-Signature: x"),
            utf8("{\"id\":31,\"x\":\"" + MIB_STRING + "\"}"),
            403,
            "SIGNATURE_INVALID"));
    // --- health routes and unknown paths
    t.add(
        new Bad(
            "healthz: POST",
            "POST",
            "/healthz",
            List.of(JSON),
            utf8("{}"),
            405,
            "METHOD_NOT_ALLOWED"));
    t.add(
        new Bad(
            "readyz: DELETE",
            "DELETE",
            "/readyz",
            List.of(),
            new byte[0],
            405,
            "METHOD_NOT_ALLOWED"));
    t.add(
        new Bad(
            "metrics: PUT",
            "PUT",
            "/metrics",
            List.of(JSON),
            utf8("{}"),
            405,
            "METHOD_NOT_ALLOWED"));
    t.add(get("unknown path", "/api/v2/customers/31/sync", 404, "NOT_FOUND"));
    t.add(get("traversal to /etc/passwd", "/../../../../etc/passwd", 0, null));
    t.add(get("encoded traversal", "/%2e%2e/%2e%2e/etc/passwd", 0, null));
    t.add(get("sandbox route outside sandbox", "/sandbox/customers/31/sync", 404, "NOT_FOUND"));
    t.add(new Bad("unknown method", "BREW", "/healthz", List.of(), new byte[0], 0, null));
    t.add(new Bad("garbage request line", "GARBAGE", "", List.of(), new byte[0], 0, null));
    return t.stream();
  }

  static Bad signed(String name, String body, int expected, String code) {
    byte[] b = utf8(body);
    return new Bad(
        name,
        "POST",
        "/api/v1/freescout/webhook",
        List.of(
            JSON,
            "X-FreeScout-Event: customer.created",
            "X-FreeScout-Signature: " + SecurityTest.sign(b)),
        b,
        expected,
        code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void everyBadRequestIsRefusedCleanly(Bad bad) {
    int puts = e2e.freescout.puts().size();

    RawHttp.Answer a =
        RawHttp.request(e2e.port(), bad.method(), bad.target(), bad.headers(), bad.body());

    if (bad.expected() == ANY_CLEAN) {
      assertTrue(a.status() >= 200 && a.status() <= 499, bad.name() + " → " + a);
    } else if (bad.expected() == CLOSED_OR_4XX) {
      assertTrue(a.status() == 0 || a.status() >= 400 && a.status() <= 499, bad.name() + " → " + a);
    } else if (bad.expected() == 200) {
      // only a signed webhook: refused as "skipped" so that FreeScout stops redelivering it
      assertEquals("skipped", EndToEnd.json(a.body()).path("status").asText(), a.toString());
    } else {
      assertTrue(a.status() >= 400 && a.status() <= 499, bad.name() + " → " + a);
    }
    if (bad.expected() > 0) {
      assertEquals(bad.expected(), a.status(), a.toString());
    }
    if (bad.code() != null && !bad.method().equals("HEAD")) {
      String code = EndToEnd.json(a.body()).path("code").asText();
      assertEquals(bad.code(), code, a.toString());
    }
    if (a.header("Content-Type").orElse("").startsWith("application/problem+json")
        && !bad.method().equals("HEAD")) {
      // spec 11's shape, whoever made the problem (the server itself or a sync)
      assertTrue(EndToEnd.json(a.body()).has("account"), "no account member: " + a);
    }
    for (String leak : List.of("Exception", "at ru.", "at java.", "\tat ", "io.undertow")) {
      assertFalse(a.body().contains(leak), "'" + leak + "' in " + a);
    }
    assertTrue(a.header("Set-Cookie").isEmpty(), "no header injected: " + a);
    assertTrue(a.header("X-Injected").isEmpty(), "no header injected: " + a);
    assertEquals(puts, e2e.freescout.puts().size(), "a bad request writes nothing");
  }

  @Test
  void theTableIsBigEnough() {
    assertTrue(table().filter(b -> b.expected() >= 0).count() >= 40);
  }

  @Test
  void afterTheWholeTableTheServiceIsHealthyAndStillSyncs() {
    table()
        .forEach(b -> RawHttp.request(e2e.port(), b.method(), b.target(), b.headers(), b.body()));

    assertEquals(200, e2e.publicGet("/healthz").statusCode());
    assertEquals(200, e2e.sync31().statusCode());
  }

  @Test
  void aSeedRouteRefusalKeepsTheSeedShape() {
    RawHttp.Answer a =
        RawHttp.request(e2e.port(), "POST", "/get_balance", List.of(AUTH, JSON), utf8("[]"));

    assertEquals(400, a.status());
    assertFalse(EndToEnd.json(a.body()).path("success").asBoolean(true), a.body());
    assertFalse(EndToEnd.json(a.body()).path("message").asText().isBlank(), a.body());
  }

  @Test
  void aClientThatSendsLessThanItsLengthTiesUpNothingOthersNeed() throws Exception {
    try (java.net.Socket slow =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), e2e.port())) {
      String head =
          String.join(
              "\r\n",
              "POST " + SYNC + " HTTP/1.1",
              "Host: x",
              AUTH,
              JSON,
              "Content-Length: 1000",
              "",
              "{\"dryRun\":");
      slow.getOutputStream().write(utf8(head));
      slow.getOutputStream().flush();

      // the body never completes; the service still answers everyone else at once
      assertEquals(200, e2e.publicGet("/healthz").statusCode());
      assertEquals(200, e2e.sync31().statusCode());
    }
    assertEquals(200, e2e.publicGet("/healthz").statusCode());
  }
}
