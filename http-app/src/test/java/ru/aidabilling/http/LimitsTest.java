package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.http.Bodies.json;
import static ru.aidabilling.http.SyncRouteTest.assertProblem;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;

/** Rate limit, back-pressure, deadlines and graceful shutdown, with a billing that can block. */
class LimitsTest {
  TestApp seeded;
  GatedBilling gated;
  TestApp t;

  /** The seeded ports, with billing behind a gate. */
  void start(Settings settings) {
    seeded = new TestApp(); // only for its seeded in-memory ports
    seeded.close();
    gated = new GatedBilling(seeded.billing);
    t = new TestApp(settings, new HttpApp.Upstreams(gated, seeded.customers, seeded.audit));
  }

  @AfterEach
  void close() {
    if (gated != null) {
      gated.open();
    }
    if (t != null) {
      t.close();
    }
  }

  CompletableFuture<HttpResponse<String>> syncAsync(long id) {
    return t.client.sendAsync(
        t.authed("/api/v1/customers/" + id + "/sync")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void theRateLimitIsPerTokenWithRetryAfter() {
    t =
        new TestApp(
            TestApp.base()
                .with(Setting.API_TOKENS, TestApp.TOKEN + ",second-token-abcdef")
                .with(Setting.RATE_LIMIT_PER_SECOND, "1")
                .with(Setting.RATE_LIMIT_BURST, "2"));

    assertEquals(200, t.get("/api/v1/ping").statusCode());
    assertEquals(200, t.get("/api/v1/ping").statusCode());
    HttpResponse<String> limited = t.get("/api/v1/ping");

    assertProblem(limited, 429, "RATE_LIMITED");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
    HttpResponse<String> other =
        t.send(
            t.request("/api/v1/ping").header("Authorization", "Bearer second-token-abcdef").GET());
    assertEquals(200, other.statusCode(), "another token has its own bucket");
    assertEquals(200, t.send(t.request("/healthz").GET()).statusCode(), "health is not limited");
  }

  @Test
  void failedTokenChecksFromAnAddressAreThrottledButAStrongTokenIsAlwaysServed() {
    String strong = "f".repeat(64);
    java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger errors =
        java.util.logging.Logger.getLogger("ru.aidabilling.http.error");
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            logged.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    errors.addHandler(capture);
    t =
        new TestApp(
            TestApp.base()
                .with(Setting.API_TOKENS, strong + "," + TestApp.TOKEN) // the second is guessable
                .with(Setting.AUTH_FAILURES_PER_MINUTE, "3"));
    java.util.function.Function<String, HttpResponse<String>> ping =
        token ->
            t.send(
                token == null
                    ? t.request("/api/v1/ping").GET()
                    : t.request("/api/v1/ping").header("Authorization", "Bearer " + token).GET());

    assertEquals(200, ping.apply(TestApp.TOKEN).statusCode(), "within budget: checked");
    for (int i = 0; i < 3; i++) {
      assertProblem(ping.apply("guess-" + i), 401, "UNAUTHORIZED");
    }
    HttpResponse<String> throttled = ping.apply("guess-3");

    assertProblem(throttled, 429, "RATE_LIMITED");
    long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 20, "Retry-After " + retryAfter);
    assertTrue(json(throttled).get("detail").asText().contains("неудачных"), throttled.body());
    assertTrue(throttled.headers().firstValue("WWW-Authenticate").isEmpty());
    assertProblem(ping.apply(null), 429, "RATE_LIMITED");
    assertProblem(ping.apply(TestApp.TOKEN), 429, "RATE_LIMITED"); // not checked: tells nothing
    assertEquals(200, ping.apply(strong).statusCode(), "the strong token is never locked out");
    HttpResponse<String> seed =
        t.send(
            t.request("/get_balance")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\":31}")));
    assertEquals(429, seed.statusCode(), seed.body());
    assertEquals(false, json(seed).get("success").asBoolean(), "the seed's shape");
    assertEquals(200, t.send(t.request("/healthz").GET()).statusCode(), "health is not limited");
    String metrics = t.send(t.request("/metrics").GET()).body();
    assertTrue(metrics.contains("aida_http_auth_failures_total 7.0"), metrics);
    assertTrue(metrics.contains("aida_http_auth_throttled_total 4.0"), metrics);
    errors.removeHandler(capture);
    java.util.List<String> throttleLines =
        logged.stream().filter(l -> l.contains("AIDA_AUTH_FAILURES_PER_MINUTE")).toList();
    assertEquals(1, throttleLines.size(), "one line when the address goes over: " + logged);
    assertTrue(throttleLines.get(0).contains("from 127.0.0.1 "), throttleLines.get(0));
    assertTrue(
        logged.stream().noneMatch(l -> l.contains("guess-") || l.contains(TestApp.TOKEN)),
        "no token, guessed or real: " + logged);
  }

  @Test
  void aFullQueueAnswers503AtOnce() throws Exception {
    start(TestApp.base().with(Setting.WORKERS, "1").with(Setting.QUEUE, "1"));
    CompletableFuture<HttpResponse<String>> running = syncAsync(31);
    GatedBilling.await("the first request to reach billing", () -> gated.waiting() == 1);
    CompletableFuture<HttpResponse<String>> queued = syncAsync(31);
    GatedBilling.await(
        "the second request to wait in the queue",
        () -> t.app.metrics().registry().get("aida.pool.queued").gauge().value() == 1.0);

    long start = System.nanoTime();
    HttpResponse<String> refused = t.post("/api/v1/customers/31/sync", "{}");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertProblem(refused, 503, "OVERLOADED");
    assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    assertTrue(millis < 3000, "refused in " + millis + " ms");
    gated.open();
    assertEquals(200, running.get(20, TimeUnit.SECONDS).statusCode());
    assertEquals(200, queued.get(20, TimeUnit.SECONDS).statusCode());
    assertTrue(t.app.metrics().scrape().contains("aida_http_overloaded_total 1.0"));
  }

  @Test
  void aSlowUpstreamHitsTheDeadlineAndTheAnswerComesInTime() throws Exception {
    start(TestApp.base().with(Setting.REQUEST_DEADLINE_MS, "500"));

    long start = System.nanoTime();
    HttpResponse<String> r = t.post("/api/v1/customers/31/sync", "{}");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertProblem(r, 504, "DEADLINE_EXCEEDED");
    assertTrue(millis >= 450 && millis < 3000, "answered in " + millis + " ms");
    // the late work is not cut in half: it finishes in the background, its answer dropped
    gated.open();
    GatedBilling.await("the late sync to finish", () -> seeded.customers.updates().size() == 1);
    GatedBilling.await("its audit records", () -> seeded.audit.records().count() >= 1);
  }

  @Test
  void theWebhookHasItsOwnBudgetAndAnswers503WhenItRunsOut() throws Exception {
    start(
        TestApp.base()
            .with(Setting.REQUEST_DEADLINE_MS, "200")
            .with(Setting.WEBHOOK_DEADLINE_MS, "600")
            .with(Setting.FREESCOUT_WEBHOOK_SECRET, "s"));
    String body = "{\"id\":31}";

    long start = System.nanoTime();
    HttpResponse<String> r =
        t.send(
            t.request("/api/v1/freescout/webhook")
                .header("X-FreeScout-Event", "customer.created")
                .header("X-FreeScout-Signature", WebhookRouteTest.sign(body, "s"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals(503, r.statusCode(), r.body());
    assertEquals("DEADLINE_EXCEEDED", json(r).path("code").asText());
    assertTrue(millis >= 550 && millis < 3000, "answered in " + millis + " ms");
  }

  @Test
  void shutdownLetsTheRequestInFlightFinish() throws Exception {
    start(TestApp.base());
    CompletableFuture<HttpResponse<String>> inFlight = syncAsync(31);
    GatedBilling.await("the request to reach billing", () -> gated.waiting() == 1);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(t.app::close);
    Thread.sleep(300);
    assertTrue(!closing.isDone(), "close waits for the request in flight");
    // a request that arrives while stopping is refused in its route's shape, not with a bare 503
    HttpResponse<String> seed =
        t.post("/get_balance", "{\"customer_id\": 31, \"phone\": \"+79004445566\"}");
    assertEquals(503, seed.statusCode(), seed.body());
    assertEquals(false, json(seed).path("success").asBoolean(true), seed.body());
    assertEquals("OVERLOADED", json(seed).path("code").asText());
    assertEquals("5", seed.headers().firstValue("Retry-After").orElse(""));
    assertEquals(
        seed.headers().firstValue("X-Request-Id").orElseThrow(),
        json(seed).path("requestId").asText());
    HttpResponse<String> v1 = t.post("/api/v1/customers/31/sync", "{}");
    assertEquals(503, v1.statusCode());
    assertTrue(
        v1.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    gated.open();

    HttpResponse<String> r = inFlight.get(20, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("updated", json(r).path("status").asText());
    closing.get(20, TimeUnit.SECONDS);
    assertEquals(1, seeded.customers.updates().size());
  }

  @Test
  void theDeadlineCoversTimeSpentInTheQueue() throws Exception {
    start(
        TestApp.base()
            .with(Setting.WORKERS, "1")
            .with(Setting.QUEUE, "4")
            .with(Setting.REQUEST_DEADLINE_MS, "700"));
    CompletableFuture<HttpResponse<String>> first = syncAsync(31);
    GatedBilling.await("the first request to reach billing", () -> gated.waiting() == 1);
    CompletableFuture<HttpResponse<String>> second = syncAsync(43);

    assertEquals(504, first.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(504, second.get(10, TimeUnit.SECONDS).statusCode());
    gated.open();
    GatedBilling.await(
        "the first sync to finish late", () -> seeded.customers.updates().size() == 1);
    Thread.sleep(300);
    assertEquals(
        1,
        seeded.customers.updates().size(),
        "work whose deadline passed in the queue never starts");
  }
}
