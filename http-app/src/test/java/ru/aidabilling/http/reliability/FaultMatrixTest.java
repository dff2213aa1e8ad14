package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.http.reliability.EndToEnd.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.http.reliability.RawBilling.Mode;
import ru.aidabilling.http.reliability.StubFreeScout.Fault;

/**
 * The fault matrix: every way billing and FreeScout fail, over real sockets, through the real
 * adapters and the whole service. Each case checks the spec-11 code and status on every endpoint
 * that reaches the failing upstream, that the answer comes well before the request deadline, that
 * nothing is half-written (no PUT, or exactly the full patch, and no audit line for a failed
 * write), that the service stays alive, and that syncs succeed again as soon as the upstream heals.
 */
class FaultMatrixTest {
  /** Far below the 12 s deadline, far above the 500 ms upstream time-outs (a loaded machine). */
  static final Duration IN_TIME = Duration.ofSeconds(8);

  static final Map<String, String> FULL_PATCH =
      Map.of("firstName", "Тарас", "lastName", "Новичков", "company", "0138", "zip", "Соляной");

  EndToEnd e2e;

  @AfterEach
  void close() {
    if (e2e != null) {
      e2e.close();
    }
  }

  /** One failure, what it breaks and what the service must answer. */
  enum Case {
    BILLING_500(e -> e.billing.mode(Mode.STATUS_500), Where.BILLING, 502, "BILLING_UNAVAILABLE"),
    BILLING_REFUSES_OUR_KEY_403(
        e -> e.billing.mode(Mode.STATUS_403), Where.BILLING, 502, "CONFIGURATION"),
    BILLING_502_HTML(e -> e.billing.mode(Mode.HTML_502), Where.BILLING, 502, "BILLING_UNAVAILABLE"),
    BILLING_MALFORMED_JSON(
        e -> e.billing.mode(Mode.MALFORMED_JSON), Where.BILLING, 502, "BILLING_UNAVAILABLE"),
    BILLING_TRUNCATED_BODY(
        e -> e.billing.mode(Mode.TRUNCATED), Where.BILLING, 502, "BILLING_UNAVAILABLE"),
    BILLING_5_MIB_BODY(e -> e.billing.mode(Mode.HUGE), Where.BILLING, 502, "BILLING_UNAVAILABLE"),
    BILLING_STALLS_BEFORE_HEADERS(
        e -> e.billing.mode(Mode.STALL), Where.BILLING, 502, "BILLING_UNAVAILABLE"),
    BILLING_STALLS_MID_BODY(
        e -> e.billing.mode(Mode.STALL_MID_BODY), Where.BILLING, 502, "BILLING_UNAVAILABLE"),
    BILLING_RESETS_MID_BODY(
        e -> e.billing.mode(Mode.RESET_MID_BODY), Where.BILLING, 502, "BILLING_UNAVAILABLE"),
    BILLING_REFUSES_CONNECTIONS(e -> e.billing.refuse(), Where.BILLING, 502, "BILLING_UNAVAILABLE"),
    BILLING_ERROR_QUOTING_THE_SUBSCRIBER(
        e -> e.billing.mode(Mode.ERROR_QUOTING_THE_SUBSCRIBER),
        Where.BILLING,
        502,
        "BILLING_UNAVAILABLE"),
    FREESCOUT_READ_401(
        e -> e.freescout.onRead(Fault.status(401, "{\"message\":\"Not Authorized\"}")),
        Where.FREESCOUT_READ,
        502,
        "CONFIGURATION"),
    FREESCOUT_READ_404_UNKNOWN_CUSTOMER(
        e ->
            e.freescout.onRead(
                Fault.status(404, "{\"message\":\"Not Found\",\"_embedded\":{\"errors\":[]}}")),
        Where.FREESCOUT_READ,
        404,
        "CUSTOMER_NOT_FOUND"),
    FREESCOUT_READ_404_HTML_WRONG_URL(
        e -> e.freescout.onRead(Fault.html(404)),
        Where.FREESCOUT_READ,
        502,
        "HELPDESK_UNAVAILABLE"),
    FREESCOUT_READ_400(
        e -> e.freescout.onRead(Fault.status(400, "{\"message\":\"Bad Request\"}")),
        Where.FREESCOUT_READ,
        502,
        "HELPDESK_UNAVAILABLE"),
    FREESCOUT_READ_500(
        e -> e.freescout.onRead(Fault.status(500, "{\"message\":\"Server Error\"}")),
        Where.FREESCOUT_READ,
        502,
        "HELPDESK_UNAVAILABLE"),
    FREESCOUT_READ_STALLS(
        e -> e.freescout.onRead(Fault.stalling()),
        Where.FREESCOUT_READ,
        502,
        "HELPDESK_UNAVAILABLE"),
    FREESCOUT_REFUSES_CONNECTIONS(
        e -> e.freescout.refuse(), Where.FREESCOUT_READ, 502, "HELPDESK_UNAVAILABLE"),
    FREESCOUT_WRITE_400(
        e ->
            e.freescout.onWrite(
                Fault.status(
                    400,
                    "{\"message\":\"The given data was invalid.\",\"_embedded\":{\"errors\":"
                        + "[{\"path\":\"zip\",\"message\":\"too long\"}]}}")),
        Where.FREESCOUT_WRITE,
        502,
        "HELPDESK_UNAVAILABLE"),
    FREESCOUT_WRITE_400_QUOTING_THE_SUBSCRIBER(
        e ->
            e.freescout.onWrite(
                Fault.status(
                    400,
                    "{\"message\":\"Error occurred\",\"_embedded\":{\"errors\":[{\"path\":"
                        + "\"lastName\",\"message\":\"Клиент Новичков\u00A0Тарас с телефоном"
                        + " 8\u202F900\u202F444\u202F55\u202F66 уже существует (новичков\u2009тарас)\"}]}}")),
        Where.FREESCOUT_WRITE,
        502,
        "HELPDESK_UNAVAILABLE"),
    FREESCOUT_WRITE_401(
        e -> e.freescout.onWrite(Fault.status(401, "{\"message\":\"Not Authorized\"}")),
        Where.FREESCOUT_WRITE,
        502,
        "CONFIGURATION"),
    FREESCOUT_WRITE_404_CUSTOMER_DELETED(
        e ->
            e.freescout.onWrite(
                Fault.status(404, "{\"message\":\"Not Found\",\"_embedded\":{\"errors\":[]}}")),
        Where.FREESCOUT_WRITE,
        404,
        "CUSTOMER_NOT_FOUND"),
    FREESCOUT_WRITE_500(
        e -> e.freescout.onWrite(Fault.status(500, "{\"message\":\"Server Error\"}")),
        Where.FREESCOUT_WRITE,
        502,
        "HELPDESK_UNAVAILABLE"),
    FREESCOUT_WRITE_STALLS(
        e -> e.freescout.onWrite(Fault.stalling()),
        Where.FREESCOUT_WRITE,
        502,
        "HELPDESK_UNAVAILABLE");

    final Consumer<EndToEnd> breakIt;
    final Where where;
    final int status;
    final String code;

    /**
     * Whether ping sees it: any HTTP answer from billing counts as reachable (spec 7), and ping
     * reads FreeScout's customer list, not one customer.
     */
    final boolean pingFails;

    Case(Consumer<EndToEnd> breakIt, Where where, int status, String code) {
      this.breakIt = breakIt;
      this.where = where;
      this.status = status;
      this.code = code;
      String n = name();
      this.pingFails = n.contains("STALLS") && where == Where.BILLING || n.contains("REFUSES");
    }
  }

  enum Where {
    BILLING,
    FREESCOUT_READ,
    FREESCOUT_WRITE
  }

  @ParameterizedTest
  @EnumSource(Case.class)
  void eachFailureAnswersItsCodeInTimeWritesNothingHalfAndRecovers(Case c) {
    e2e = new EndToEnd();
    c.breakIt.accept(e2e);

    // v1 sync
    HttpResponse<String> sync = timed(e2e::sync31);
    assertProblem(sync, c.status, c.code);
    JsonNode problem = json(sync);
    if (c.where == Where.FREESCOUT_WRITE) {
      assertEquals("256.52", problem.path("account").path("balance").asText(), sync.body());
      assertEquals(1, e2e.freescout.puts().size(), "the one PUT the sync tried");
      assertEquals(FULL_PATCH, patch(e2e.freescout.puts().get(0)), "never a partial patch");
    } else {
      assertEquals(List.of(), e2e.freescout.puts(), "no write after a failed read");
    }
    assertEquals(List.of(), e2e.auditLines(), "no audit line for a write that did not happen");

    // the seed's route: same code, the seed's shape
    HttpResponse<String> seed =
        timed(
            () ->
                e2e.post(
                    "/get_balance",
                    "{\"customer_id\": 31, \"phone\": \"" + EndToEnd.PHONE + "\"}"));
    assertEquals(c.status, seed.statusCode(), seed.body());
    assertFalse(json(seed).path("success").asBoolean(true), seed.body());
    assertEquals(c.code, json(seed).path("code").asText(), seed.body());
    assertClean(seed);

    // the read-only lookup reaches billing only
    if (c.where == Where.BILLING) {
      HttpResponse<String> accounts =
          timed(() -> e2e.get("/api/v1/billing/accounts?phone=%2B79004445566"));
      assertProblem(accounts, 502, c.code);
    }
    assertEquals(List.of(), e2e.auditLines());

    // still alive, and ping names the broken side
    assertEquals(200, e2e.publicGet("/healthz").statusCode());
    HttpResponse<String> ping = timed(() -> e2e.get("/api/v1/ping"));
    if (c.pingFails) {
      assertTrue(ping.statusCode() >= 500, ping.statusCode() + " " + ping.body());
      assertClean(ping);
    }

    // the upstream heals: the next sync writes the full patch once and records it
    e2e.billing.mode(Mode.OK);
    e2e.billing.listen();
    e2e.freescout.listen();
    e2e.freescout.heal();
    int putsBefore = e2e.freescout.puts().size();
    HttpResponse<String> healed = timed(e2e::sync31);
    assertEquals(200, healed.statusCode(), healed.body());
    assertEquals("updated", json(healed).path("status").asText());
    assertEquals(putsBefore + 1, e2e.freescout.puts().size());
    assertEquals(FULL_PATCH, patch(e2e.freescout.puts().get(putsBefore)));
    assertEquals(4, e2e.auditLines().size(), e2e.auditLines().toString());
    assertEquals(200, timed(() -> e2e.get("/api/v1/ping")).statusCode());
    assertEquals(200, e2e.publicGet("/healthz").statusCode());
  }

  @Test
  void aWebhookDuringAnOutageIs503SoFreeScoutRedeliversAndTheRedeliverySyncs() {
    e2e = new EndToEnd();
    e2e.billing.mode(Mode.STATUS_500);
    String body = "{\"id\":31,\"firstName\":\"Ivan\"}";

    HttpResponse<String> during = timed(() -> webhook(body));
    assertEquals(503, during.statusCode(), during.body());
    assertEquals("BILLING_UNAVAILABLE", json(during).path("code").asText());
    assertEquals(List.of(), e2e.freescout.puts());
    assertEquals(List.of(), e2e.auditLines());

    e2e.billing.mode(Mode.OK);
    HttpResponse<String> redelivered = timed(() -> webhook(body));
    assertEquals(200, redelivered.statusCode(), redelivered.body());
    assertEquals("updated", json(redelivered).path("status").asText());
    assertEquals(FULL_PATCH, patch(e2e.freescout.puts().get(0)));
    assertTrue(e2e.auditLines().stream().allMatch(l -> l.contains("\"webhook\"")));
  }

  @Test
  void aStallLongerThanTheDeadlineAnswers504InTimeAndTheServiceStaysResponsive() {
    e2e =
        new EndToEnd(
            s ->
                s.with(Setting.BILLING_TIMEOUT_MS, "30000")
                    .with(Setting.REQUEST_DEADLINE_MS, "1000"));
    e2e.billing.mode(Mode.STALL);

    HttpResponse<String> r = timed(e2e::sync31);

    assertProblem(r, 504, "DEADLINE_EXCEEDED");
    assertEquals(200, e2e.publicGet("/healthz").statusCode());
    assertEquals(List.of(), e2e.freescout.puts());
    assertEquals(List.of(), e2e.auditLines());
  }

  @Test
  void workersBlockedOnAStalledUpstreamDoNotStopHealthOrOtherAnswers() throws Exception {
    e2e = new EndToEnd(s -> s.with(Setting.BILLING_TIMEOUT_MS, "3000"));
    e2e.billing.mode(Mode.STALL);
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight =
        new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      inFlight.add(
          e2e.client.sendAsync(
              e2e.authed("/api/v1/customers/31/sync")
                  .header("Content-Type", "application/json")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    long start = System.nanoTime();
    HttpResponse<String> health = e2e.publicGet("/healthz");
    HttpResponse<String> notFound = e2e.post("/api/v1/customers/999/sync", "{}");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(200, health.statusCode());
    assertProblem(notFound, 404, "CUSTOMER_NOT_FOUND");
    assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "answered while stalled: " + took);
    for (var f : inFlight) {
      HttpResponse<String> r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertProblem(r, 502, "BILLING_UNAVAILABLE");
    }
  }

  @Test
  void readinessNamesEachUnreachableUpstreamAndRecoversWithThem() {
    e2e = new EndToEnd();
    e2e.billing.refuse();
    e2e.freescout.onList(Fault.status(500, "{\"message\":\"Server Error\"}"));

    HttpResponse<String> down = timed(() -> e2e.publicGet("/readyz"));
    assertEquals(503, down.statusCode(), down.body());
    assertEquals("not-ready", json(down).path("status").asText());
    assertTrue(json(down).path("billing").asText().startsWith("BILLING_UNAVAILABLE"), down.body());
    assertTrue(
        json(down).path("freescout").asText().startsWith("HELPDESK_UNAVAILABLE"), down.body());
    assertEquals(200, e2e.publicGet("/healthz").statusCode());

    e2e.billing.listen();
    HttpResponse<String> half = awaitReadyz(r -> json(r).path("billing").asText().equals("ok"));
    assertEquals(503, half.statusCode(), half.body());
    assertTrue(json(half).path("freescout").asText().startsWith("HELPDESK_UNAVAILABLE"));

    e2e.freescout.heal();
    HttpResponse<String> up = awaitReadyz(r -> r.statusCode() == 200);
    assertEquals("ready", json(up).path("status").asText(), up.body());
  }

  @Test
  void readinessAnswersInTimeWhenAnUpstreamStallsAndNamesARefusedKey() {
    e2e = new EndToEnd();
    e2e.billing.mode(Mode.STALL);
    e2e.freescout.onList(Fault.status(401, "{\"message\":\"Not Authorized\"}"));

    HttpResponse<String> r = timed(() -> e2e.publicGet("/readyz"));

    assertEquals(503, r.statusCode(), r.body());
    assertTrue(json(r).path("billing").asText().startsWith("BILLING_UNAVAILABLE"), r.body());
    assertEquals("CONFIGURATION", json(r).path("freescout").asText(), r.body());
    assertFalse(r.body().contains("127.0.0.1"), "no address to a caller without a token");
    assertTrue(
        e2e.get("/api/v1/ping").body().contains("AIDA_FREESCOUT_API_KEY"),
        "ping, behind the token, names the setting");
    assertFalse(r.body().contains(StubFreeScout.API_KEY));
  }

  /** Polls /readyz (it is cached for a few seconds) until the condition holds, up to 30 s. */
  private HttpResponse<String> awaitReadyz(
      java.util.function.Predicate<HttpResponse<String>> condition) {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> r;
    do {
      r = e2e.publicGet("/readyz");
      if (condition.test(r)) {
        return r;
      }
      sleep(250);
    } while (System.nanoTime() < until);
    throw new AssertionError("readyz never got there: " + r.body());
  }

  private HttpResponse<String> webhook(String body) {
    return e2e.send(
        e2e.request("/api/v1/freescout/webhook")
            .header("Content-Type", "application/json")
            .header("X-FreeScout-Event", "customer.created")
            .header(
                "X-FreeScout-Signature",
                SecurityTest.sign(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
  }

  static <T> T timed(Supplier<T> call) {
    long start = System.nanoTime();
    T result = call.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(IN_TIME) < 0, "took " + took.toMillis() + " ms");
    return result;
  }

  static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        r.headers().toString());
    assertEquals(code, json(r).path("code").asText(), r.body());
    assertEquals(status, json(r).path("status").asInt(), r.body());
    assertFalse(json(r).path("detail").asText().isBlank(), r.body());
    assertClean(r);
  }

  /** No internals in an answer: no exception names, no stack frames, no secrets. */
  static void assertClean(HttpResponse<String> r) {
    String b = r.body();
    for (String bad :
        List.of(
            "Exception",
            "at ru.",
            "at java.",
            "\tat ",
            EndToEnd.TOKEN,
            EndToEnd.WEBHOOK_SECRET,
            StubFreeScout.API_KEY)) {
      assertFalse(b.contains(bad), "answer holds '" + bad + "': " + b);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> patch(String body) {
    try {
      return EndToEnd.JSON.readValue(body, Map.class);
    } catch (java.io.IOException e) {
      throw new AssertionError("PUT body is not JSON: " + body, e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
