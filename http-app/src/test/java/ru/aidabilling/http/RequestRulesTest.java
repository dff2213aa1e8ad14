package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.http.Bodies.json;
import static ru.aidabilling.http.SyncRouteTest.assertProblem;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication, validation and the body limit: refusals with precise codes, over sockets. */
class RequestRulesTest {
  final TestApp t = new TestApp();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void noTokenIs401WithAChallenge() {
    HttpResponse<String> r =
        t.send(
            t.request("/api/v1/customers/31/sync").POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertProblem(r, 401, "UNAUTHORIZED");
    assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertTrue(t.customers.updates().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer wrong",
        "Bearer test-token-012345678",
        "Bearer test-token-01234567890",
        "Basic dGVzdDp0ZXN0",
        "Bearer",
        "test-token-0123456789"
      })
  void aWrongTokenIs401(String authorization) {
    HttpResponse<String> r =
        t.send(t.request("/api/v1/ping").header("Authorization", authorization).GET());

    assertProblem(r, 401, "UNAUTHORIZED");
    assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent());
  }

  @Test
  void theSchemeIsCaseInsensitive() {
    HttpResponse<String> r =
        t.send(t.request("/api/v1/ping").header("Authorization", "bearer " + TestApp.TOKEN).GET());

    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void getBalanceRefusesWithoutTokenInTheSeedShape() {
    HttpResponse<String> r =
        t.send(
            t.request("/get_balance")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"customer_id\":31,\"phone\":\"+79004445566\"}")));

    assertEquals(401, r.statusCode());
    assertFalse(json(r).path("success").asBoolean(true));
    assertEquals("UNAUTHORIZED", json(r).path("code").asText());
    assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{|JSON",
        "[]|объект",
        "\"x\"|объект",
        "{\"dryRun\": \"true\"}|dryRun",
        "{\"dryRun\": 1}|dryRun",
        "{\"contract\": 512}|contract",
        "{\"contract\": [\"0512\"]}|contract",
        "{\"phone\": 79004445566}|phone",
        "{\"phone\": \"not a phone\"}|phone",
        "{\"phone\": \"+1 212 555 0100\"}|phone",
        "{} {}|JSON",
        "{\"a\":1,\"a\":2}|JSON",
        "{\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}|JSON"
      })
  void aMalformedBodyIsAValidationProblem(String body, String detailMentions) {
    HttpResponse<String> r = t.post("/api/v1/customers/31/sync", body);

    assertProblem(r, 400, "VALIDATION");
    assertTrue(
        json(r).path("detail").asText().contains(detailMentions), json(r).path("detail").asText());
    assertTrue(t.customers.updates().isEmpty());
  }

  @Test
  void unknownFieldsAreIgnored() {
    HttpResponse<String> r =
        t.post("/api/v1/customers/31/sync", "{\"extra\": {\"a\": 1}, \"dryRun\": true}");

    assertEquals(200, r.statusCode(), r.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "-5", "abc", "31a", "1e3", "99999999999999999999999", "%20", "3%2F1"})
  void aBadIdIsAValidationProblem(String id) {
    HttpResponse<String> r = t.post("/api/v1/customers/" + id + "/sync", "{}");

    assertProblem(r, 400, "VALIDATION");
  }

  @Test
  void pathTraversalNeverReachesAnotherRoute() {
    // the client normalises "..", so the server sees /api/v1/sync and /get_balance/sync: no route
    assertProblem(t.post("/api/v1/customers/../sync", "{}"), 404, "NOT_FOUND");
    assertProblem(t.post("/api/v1/customers/../../../get_balance/sync", "{}"), 404, "NOT_FOUND");
    assertTrue(t.customers.updates().isEmpty());
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String big = "{\"contract\": \"" + "x".repeat(70 * 1024) + "\"}";

    HttpResponse<String> r = t.post("/api/v1/customers/31/sync", big);

    assertProblem(r, 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() {
    byte[] big =
        ("{\"contract\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpRequest.BodyPublisher chunked =
        HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(big));

    HttpResponse<String> r = t.send(t.authed("/api/v1/customers/31/sync").POST(chunked));

    assertProblem(r, 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void aFormBodyIs415() {
    HttpResponse<String> r =
        t.send(
            t.authed("/api/v1/customers/31/sync")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("phone=1")));

    assertProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cp1251", "windows-1251", "koi8-r", "\"ISO-8859-1\""})
  void aCharsetTheJsonReaderCannotDecodeIs415NamingIt(String charset) {
    HttpResponse<String> r =
        t.send(
            t.authed("/api/v1/customers/31/sync")
                .header("Content-Type", "application/json; charset=" + charset)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    assertTrue(
        json(r).path("detail").asText().contains("charset=" + charset.replace("\"", "")), r.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=utf-8",
        "application/json; charset=UTF-8",
        "application/json;charset=\"utf-8\"",
        "application/merge-patch+json; charset=Utf-8"
      })
  void utf8JsonIsTaken(String type) {
    HttpResponse<String> r =
        t.send(
            t.authed("/api/v1/customers/31/sync")
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertEquals(200, r.statusCode(), r.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-32BE"})
  void utf16And32AreTakenForTheJsonReaderDecodesThem(String charset) {
    HttpResponse<String> r =
        t.send(
            t.authed("/api/v1/customers/31/sync")
                .header("Content-Type", "application/json; charset=" + charset.toLowerCase())
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        "{\"dryRun\": true}".getBytes(java.nio.charset.Charset.forName(charset)))));

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("dry-run", json(r).path("status").asText(), r.body());
  }

  @Test
  void aLongUnknownPathIsCutWithAnEllipsisNotAQuestionMark() {
    HttpResponse<String> r = t.get("/api/v1/" + "x".repeat(100));

    assertProblem(r, 404, "NOT_FOUND");
    String detail = json(r).path("detail").asText();
    assertTrue(detail.endsWith("x…"), detail);
    assertFalse(detail.contains("?"), detail);
  }

  @Test
  void aNonAsciiActorIsAValidationProblem() {
    HttpResponse<String> r =
        t.send(
            t.authed("/api/v1/customers/31/sync")
                .header("X-Aida-Actor", "x".repeat(201))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertProblem(r, 400, "VALIDATION");
    assertTrue(json(r).path("detail").asText().contains("X-Aida-Actor"));
  }

  @Test
  void anInvalidIncomingRequestIdIsReplaced() {
    HttpResponse<String> r =
        t.send(t.authed("/api/v1/ping").header("X-Request-Id", "bad id!").GET());

    String rid = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertTrue(rid.matches("[0-9A-Z]{26}"), rid);
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() {
    assertProblem(t.get("/api/v1/nothing"), 404, "NOT_FOUND");
    HttpResponse<String> r = t.get("/api/v1/customers/31/sync");
    assertProblem(r, 405, "METHOD_NOT_ALLOWED");
    assertEquals("POST", r.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void headIsServedByTheGetRouteWithoutABody() {
    HttpResponse<String> head =
        t.send(t.request("/healthz").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    HttpResponse<String> get = t.send(t.request("/healthz").GET());
    assertEquals(
        get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
    HttpResponse<String> pingWithoutToken =
        t.send(t.request("/api/v1/ping").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(401, pingWithoutToken.statusCode(), "HEAD needs the token GET needs");
    HttpResponse<String> wrong = t.send(t.authed("/healthz").DELETE());
    assertEquals("GET, HEAD", wrong.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void malformedJsonSaysWhereInRussianWithoutJacksonsEnglish() {
    HttpResponse<String> r = t.post("/api/v1/customers/31/sync", "{\"dryRun\":true,}");
    assertProblem(r, 400, "VALIDATION");
    assertEquals(
        "Некорректный JSON (строка 1, позиция 16)", json(r).path("detail").asText(), r.body());
    HttpResponse<String> cyrillic =
        t.post("/api/v1/customers/31/sync", "{\"contract\": \"Ю-0042\",}");
    assertEquals(
        "Некорректный JSON (строка 1, позиция 23)",
        json(cyrillic).path("detail").asText(),
        "characters, not bytes: " + cyrillic.body());
    HttpResponse<String> emoji = t.post("/api/v1/customers/31/sync", "{\"a\":\"😀\" x}");
    assertEquals(
        "Некорректный JSON (строка 1, позиция 10)",
        json(emoji).path("detail").asText(),
        "an emoji is one character: " + emoji.body());
  }

  @Test
  void sandboxRoutesDoNotExistOutsideSandboxMode() {
    assertEquals(404, t.send(t.request("/").GET()).statusCode());
    assertEquals(
        404,
        t.send(
                t.request("/sandbox/customers/31/sync")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")))
            .statusCode());
  }
}
