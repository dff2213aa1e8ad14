package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.http.Bodies.json;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root in sandbox mode: no AIDA_* setting but a free port and a scratch audit file;
 * the real adapters run against the embedded fake upstreams, and the sandbox route answers exactly
 * as the v1 route.
 */
class SandboxModeTest {
  @TempDir Path dir;
  RunningApp app;
  final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    if (app != null) {
      app.close();
    }
  }

  void start() {
    app = SandboxApp.start(dir);
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder req(String path) {
    return HttpRequest.newBuilder(app.baseUri().resolve(path));
  }

  @Test
  void theRealAdaptersRunAgainstTheFakesWithTheSandboxToken() throws Exception {
    start();

    HttpResponse<String> ping =
        send(req("api/v1/ping").header("Authorization", "Bearer sandbox").GET());
    HttpResponse<String> balance =
        send(
            req("get_balance")
                .header("Authorization", "Bearer sandbox")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"customer_id\": 31, \"phone\": \"+79004445566\"}")));

    assertEquals(200, ping.statusCode(), ping.body());
    assertEquals(200, balance.statusCode(), balance.body());
    assertEquals("256.52", json(balance).path("balance").asText());
    assertEquals("Соляной", json(balance).path("zip").asText());
    assertTrue(Files.readString(dir.resolve("audit.jsonl")).contains("\"new\":\"Тарас\""));
    assertTrue(app.metrics().scrape().contains("aida_billing_circuit_state 0.0"));
  }

  @Test
  void theDemoPageAndTheSandboxSyncNeedNoToken() throws Exception {
    start();

    HttpResponse<String> page = send(req("").GET());
    assertEquals(200, page.statusCode());
    Matcher csrf =
        Pattern.compile("name=\"csrf-token\" content=\"([0-9a-f]+)\"").matcher(page.body());
    assertTrue(csrf.find(), "the page carries a CSRF token");

    HttpResponse<String> sync =
        send(
            req("sandbox/customers/31/sync")
                .header("X-CSRF-TOKEN", csrf.group(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\": true}")));

    assertEquals(200, sync.statusCode(), sync.body());
    assertEquals("dry-run", json(sync).path("status").asText());
    assertEquals(
        sync.headers().firstValue("X-Request-Id").orElseThrow(),
        json(sync).path("requestId").asText(),
        "one id in the header and the body (and so in the logs and the audit)");
    assertEquals("0138", json(sync).path("account").path("contract").asText());

    HttpResponse<String> bad =
        send(
            req("sandbox/customers/-1/sync")
                .header("X-CSRF-TOKEN", csrf.group(1))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals("VALIDATION", json(bad).path("code").asText());
  }

  @Test
  void customer41sWriteLandsButItsAuditRecordsFailAsAFullDiskWould() throws Exception {
    start();
    String csrf = csrfToken(send(req("?customer=41").GET()).body());

    HttpResponse<String> gap = sandboxSync(41, csrf);
    HttpResponse<String> seed = sandboxSync(31, csrf);

    // the module's yellow block: 500 INTERNAL that carries the account (FreeScout took the write)
    assertEquals(500, gap.statusCode(), gap.body());
    assertEquals("INTERNAL", json(gap).path("code").asText());
    assertEquals("0641", json(gap).path("account").path("contract").asText());
    assertEquals("530.00", json(gap).path("account").path("balance").asText());
    assertTrue(json(gap).path("detail").asText().startsWith("Профиль клиента 41 обновлён"));
    assertTrue(
        send(req("sandbox/customers/41").GET()).body().contains("\"lastName\":\"Иванова\""),
        "the fake FreeScout holds the update");
    // the other customers are audited as before
    assertEquals(200, seed.statusCode(), seed.body());
    String audit = Files.readString(dir.resolve("audit.jsonl"));
    assertTrue(audit.contains("\"customerId\":31"), audit);
    assertTrue(!audit.contains("\"customerId\":41"), audit);
    // a second press finds nothing to write, so nothing to record: the profile is current
    HttpResponse<String> again = sandboxSync(41, csrf);
    assertEquals(200, again.statusCode(), again.body());
    assertEquals("unchanged", json(again).path("status").asText());
  }

  private static String csrfToken(String page) {
    Matcher csrf = Pattern.compile("name=\"csrf-token\" content=\"([0-9a-f]+)\"").matcher(page);
    assertTrue(csrf.find(), "the page carries a CSRF token");
    return csrf.group(1);
  }

  private HttpResponse<String> sandboxSync(long id, String csrf) throws Exception {
    return send(
        req("sandbox/customers/" + id + "/sync")
            .header("X-CSRF-TOKEN", csrf)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  @Test
  void theSandboxPagesAnswerHeadAndTheirProblemsCarryTheRequestId() throws Exception {
    start();

    for (String path : new String[] {"", "sandbox/assets/module.js"}) {
      HttpResponse<String> head =
          send(req(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertEquals(200, head.statusCode(), path);
      assertEquals("", head.body(), path);
    }
    HttpResponse<String> missing = send(req("sandbox/nothing").GET());
    assertEquals(404, missing.statusCode());
    assertEquals(
        missing.headers().firstValue("X-Request-Id").orElseThrow(),
        json(missing).path("requestId").asText());
    HttpResponse<String> post = send(req("").POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void theCliSettingsItGivesReachTheSameFakesAndAuditLog() throws Exception {
    start();
    send(
        req("get_balance")
            .header("Authorization", "Bearer sandbox")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"customer_id\": 31, \"phone\": \"+79004445566\"}")));

    Map<String, String> cli = app.sandboxCliSettings();
    assertEquals(
        List.of(
            "AIDA_BILLING_URL", "AIDA_FREESCOUT_URL", "AIDA_FREESCOUT_API_KEY", "AIDA_AUDIT_FILE"),
        List.copyOf(cli.keySet()));
    assertEquals(
        dir.resolve("audit.jsonl").toAbsolutePath().toString(), cli.get("AIDA_AUDIT_FILE"));
    HttpResponse<String> customer =
        send(
            HttpRequest.newBuilder(
                    java.net.URI.create(cli.get("AIDA_FREESCOUT_URL") + "/api/customers/31"))
                .header("X-FreeScout-API-Key", cli.get("AIDA_FREESCOUT_API_KEY"))
                .GET());
    assertEquals(200, customer.statusCode(), "the key opens the fake FreeScout");
    assertEquals(
        "Тарас", json(customer).path("firstName").asText(), "the profile the sandbox wrote");
  }

  @Test
  void theDemoPageTellsModuleJsTheSandboxRoutesOwnTimeOut() throws Exception {
    start();
    assertTrue(send(req("?customer=31").GET()).body().contains(" data-timeout=\"12\" "));
    app.close();

    app =
        HttpApp.start(
            SandboxApp.sandboxSettings(dir, Map.of("AIDA_REQUEST_DEADLINE_MS", "20500")), true);

    assertTrue(
        send(req("?customer=31").GET()).body().contains(" data-timeout=\"21\" "),
        "the request deadline, rounded up to whole seconds");
  }

  @Test
  void theV1RoutesStillNeedTheToken() throws Exception {
    start();

    HttpResponse<String> r =
        send(req("api/v1/customers/31/sync").POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertEquals(401, r.statusCode());
  }

  @Test
  void aConfiguredTokenReplacesTheSandboxOne() throws Exception {
    app =
        HttpApp.start(
            SandboxApp.sandboxSettings(dir, Map.of("AIDA_API_TOKENS", "my-own-token-1234")), true);

    assertEquals(
        401, send(req("api/v1/ping").header("Authorization", "Bearer sandbox").GET()).statusCode());
    assertEquals(
        200,
        send(req("api/v1/ping").header("Authorization", "Bearer my-own-token-1234").GET())
            .statusCode());
  }
}
