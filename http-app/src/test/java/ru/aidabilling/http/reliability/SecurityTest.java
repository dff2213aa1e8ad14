package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.http.reliability.EndToEnd.json;
import static ru.aidabilling.http.reliability.FaultMatrixTest.assertClean;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.aidabilling.core.settings.Setting;

/**
 * Access rules as tests over sockets: every protected route refuses a missing, wrong or non-bearer
 * credential with 401 and a Bearer challenge and does nothing; the health routes are open; the
 * webhook is signed, not token-protected, and refused with 503 when no secret is set.
 */
class SecurityTest {
  static EndToEnd e2e;

  @BeforeAll
  static void start() {
    e2e = new EndToEnd();
  }

  @AfterAll
  static void stop() {
    e2e.close();
  }

  /** base64(HMAC-SHA1(body, secret)), computed here with javax.crypto, not the code under test. */
  static String sign(byte[] body) {
    return sign(body, EndToEnd.WEBHOOK_SECRET);
  }

  static String sign(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every protected route, with a body that would otherwise succeed or reach an upstream. */
  static final List<String[]> PROTECTED =
      List.of(
          new String[] {"POST", "/api/v1/customers/31/sync", "{}"},
          new String[] {"GET", "/api/v1/billing/accounts?phone=%2B79004445566", null},
          new String[] {"GET", "/api/v1/ping", null},
          new String[] {"POST", "/get_balance", "{\"customer_id\":31,\"phone\":\"+79004445566\"}"});

  /** Authorization values that must not pass; null means no header at all. */
  static final List<String> REFUSED =
      java.util.Arrays.asList(
          null,
          "",
          "Bearer",
          "Bearer ",
          "Bearer wrong-token",
          "Bearer " + EndToEnd.TOKEN + "x",
          "Bearer " + EndToEnd.TOKEN.substring(1),
          "Bearer " + EndToEnd.TOKEN.toUpperCase(java.util.Locale.ROOT),
          "Basic " + Base64.getEncoder().encodeToString(("user:" + EndToEnd.TOKEN).getBytes()),
          "Basic " + EndToEnd.TOKEN,
          "Token " + EndToEnd.TOKEN,
          EndToEnd.TOKEN,
          "Bearer " + EndToEnd.TOKEN + ", Bearer other");

  static Stream<Arguments> protectedRoutesTimesRefusedCredentials() {
    List<Arguments> all = new ArrayList<>();
    for (String[] route : PROTECTED) {
      for (String authorization : REFUSED) {
        all.add(Arguments.of(route[0], route[1], route[2], authorization));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} with Authorization: {3}")
  @MethodSource("protectedRoutesTimesRefusedCredentials")
  void everyProtectedRouteRefusesABadCredentialAndDoesNothing(
      String method, String path, String body, String authorization) {
    int reads = e2e.freescout.reads();
    int lookups = e2e.billing.requests();
    int puts = e2e.freescout.puts().size();
    HttpRequest.Builder b = e2e.request(path);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }

    HttpResponse<String> r = e2e.send(b);

    assertEquals(401, r.statusCode(), r.body());
    String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
    assertTrue(challenge.startsWith("Bearer"), "challenge: " + challenge);
    assertEquals("UNAUTHORIZED", json(r).path("code").asText(), r.body());
    assertClean(r);
    assertEquals(reads, e2e.freescout.reads(), "no FreeScout call without a valid token");
    assertEquals(lookups, e2e.billing.requests(), "no billing call without a valid token");
    assertEquals(puts, e2e.freescout.puts().size(), "no write without a valid token");
  }

  @Test
  void theRightTokenPassesOnEveryProtectedRoute() {
    for (String[] route : PROTECTED) {
      HttpRequest.Builder b = e2e.authed(route[1]);
      if (route[2] != null) {
        b.header("Content-Type", "application/json")
            .method(route[0], HttpRequest.BodyPublishers.ofString(route[2]));
      } else {
        b.method(route[0], HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> r = e2e.send(b);
      assertEquals(200, r.statusCode(), route[1] + " " + r.body());
    }
  }

  @Test
  void twoAuthorizationHeadersAreRefusedWhicheverComesFirst() {
    for (String[] pair :
        new String[][] {
          {"Bearer " + EndToEnd.TOKEN, "Bearer wrong"}, {"Bearer wrong", "Bearer " + EndToEnd.TOKEN}
        }) {
      HttpResponse<String> r =
          e2e.send(
              e2e.request("/api/v1/ping")
                  .header("Authorization", pair[0])
                  .header("Authorization", pair[1])
                  .GET());
      assertEquals(401, r.statusCode(), r.body());
      assertTrue(json(r).path("detail").asText().contains("повторён"), r.body());
    }
  }

  @Test
  void twoActorHeadersAreRefused() {
    int reads = e2e.freescout.reads();
    HttpResponse<String> r =
        e2e.send(
            e2e.authed("/api/v1/customers/31/sync")
                .header("X-Aida-Actor", "freescout-user:1 a@example.com")
                .header("X-Aida-Actor", "freescout-user:2 b@example.com")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("VALIDATION", json(r).path("code").asText());
    assertEquals(reads, e2e.freescout.reads(), "nothing happens");
  }

  @Test
  void aForgedWebhookIsLoggedAsAnonymousNotAsTheWebhook() {
    LogHygiene.install();
    HttpResponse<String> r =
        e2e.send(
            e2e.request("/api/v1/freescout/webhook")
                .header("Content-Type", "application/json")
                .header("X-FreeScout-Signature", sign("{}".getBytes(), "another-secret"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":31}")));
    assertEquals(403, r.statusCode(), r.body());
    String rid = r.headers().firstValue("X-Request-Id").orElseThrow();
    long deadline = System.currentTimeMillis() + 5_000;
    List<String> lines = LogHygiene.linesContaining(rid);
    while (lines.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
      lines = LogHygiene.linesContaining(rid);
    }
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).endsWith("actor=-"), lines.get(0));
  }

  @Test
  void theOverloadCounterIsScrapedBeforeTheFirstOverload() {
    assertTrue(
        e2e.publicGet("/metrics").body().contains("aida_http_overloaded_total 0.0"),
        "the series exists from the start");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/healthz", "/readyz", "/metrics"})
  void healthRoutesAreOpen(String path) {
    HttpResponse<String> r = e2e.publicGet(path);

    assertEquals(200, r.statusCode(), r.body());
    assertFalse(r.headers().firstValue("WWW-Authenticate").isPresent());
    assertClean(r);
  }

  @Test
  void metricsHoldNoSecretPhoneOrName() {
    e2e.sync31();
    e2e.get("/api/v1/billing/accounts?phone=%2B79004445566");

    String m = e2e.publicGet("/metrics").body();

    assertFalse(m.contains("79004445566"), m);
    assertFalse(m.contains("Новичков"), m);
    assertFalse(m.contains(EndToEnd.TOKEN), m);
    assertFalse(m.contains(StubFreeScout.API_KEY), m);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not-base64!!",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "wrong-secret",
        "bearer-instead",
        "truncated"
      })
  void theWebhookRefusesABadSignatureWith403AndDoesNothing(String kind) {
    byte[] body = "{\"id\":31}".getBytes(StandardCharsets.UTF_8);
    String signature =
        switch (kind) {
          case "wrong-secret" -> sign(body, "another-secret");
          case "truncated" -> sign(body).substring(0, 10);
          default -> kind;
        };
    int reads = e2e.freescout.reads();
    HttpRequest.Builder b =
        e2e.request("/api/v1/freescout/webhook")
            .header("Content-Type", "application/json")
            .header("X-FreeScout-Event", "customer.created")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (kind.equals("bearer-instead")) {
      b.header("Authorization", "Bearer " + EndToEnd.TOKEN);
    } else if (!kind.isEmpty()) {
      b.header("X-FreeScout-Signature", signature);
    }

    HttpResponse<String> r = e2e.send(b);

    assertEquals(403, r.statusCode(), r.body());
    assertEquals("SIGNATURE_INVALID", json(r).path("code").asText());
    assertClean(r);
    assertEquals(reads, e2e.freescout.reads(), "nothing happens");
  }

  @Test
  void aSignatureOverOtherBytesIsRefused() {
    byte[] signed = "{\"id\":31}".getBytes(StandardCharsets.UTF_8);
    byte[] sent = "{\"id\":31} ".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> r =
        e2e.send(
            e2e.request("/api/v1/freescout/webhook")
                .header("X-FreeScout-Event", "customer.created")
                .header("X-FreeScout-Signature", sign(signed))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent)));

    assertEquals(403, r.statusCode(), r.body());
  }

  @Test
  void withoutASecretTheWebhookIs503AndDoesNothing() {
    try (EndToEnd noSecret = new EndToEnd(s -> s.with(Setting.FREESCOUT_WEBHOOK_SECRET, ""))) {
      byte[] body = "{\"id\":31}".getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> r =
          noSecret.send(
              noSecret
                  .request("/api/v1/freescout/webhook")
                  .header("X-FreeScout-Event", "customer.created")
                  .header("X-FreeScout-Signature", sign(body, "any-secret"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

      assertEquals(503, r.statusCode(), r.body());
      assertEquals("NOT_CONFIGURED", json(r).path("code").asText());
      assertClean(r);
      assertEquals(0, noSecret.freescout.reads());
      assertEquals(List.of(), noSecret.freescout.puts());
    }
  }

  @Test
  void theApiKeyGoesOnlyToFreeScoutAndIsTheConfiguredOne() {
    e2e.sync31();

    assertTrue(e2e.freescout.keys().stream().allMatch(StubFreeScout.API_KEY::equals));
  }
}
