package ru.aidabilling.adapter.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.PhoneFormat;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.outbound.BoundedExchange.ExchangeException;
import ru.aidabilling.core.outbound.BoundedExchange.Failure;
import ru.aidabilling.core.testing.CapturedLog;
import ru.aidabilling.core.testing.RawServer;
import ru.aidabilling.core.testing.StubServer;
import ru.aidabilling.core.testing.StubServer.Reply;

/** The billing adapter over real loopback HTTP: requests it sends, answers and faults it meets. */
class HttpBillingDirectoryTest {
  private static final Phone SEED = new Phone("+79004445566");
  private static final String FOUND =
      new String(BillingAnswerTest.fixture("found.json"), StandardCharsets.UTF_8);
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeServers() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private StubServer stub(StubServer.Responder r) {
    StubServer s = new StubServer(r);
    open.add(s);
    return s;
  }

  private RawServer raw(RawServer.Script script) {
    RawServer s = new RawServer(script);
    open.add(s);
    return s;
  }

  /** The default time-outs (generous on a loaded machine), no pause before the retry. */
  private static BillingConfig quick(URI url) {
    return BillingConfig.of(url).withRetryDelay(Duration.ZERO);
  }

  /** A 500 ms answer time-out for the stall tests (connect keeps its 2 s, inside the 500 ms). */
  private static BillingConfig impatient(URI url) {
    return quick(url).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));
  }

  private static UpstreamException failure(HttpBillingDirectory billing) {
    UpstreamException e = assertThrows(UpstreamException.class, () -> billing.findByPhone(SEED));
    assertEquals(ErrorCode.BILLING_UNAVAILABLE, e.code(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Биллинг недоступен"), e.getMessage());
    return e;
  }

  // ---- what is sent ----

  @Test
  void theSeedLookupSendsAnEncodedPlusAndReadsTheAccount() {
    StubServer s = stub(r -> Reply.json(200, FOUND));
    var billing = new HttpBillingDirectory(BillingConfig.of(s.uri("/api/phone.php")));

    List<BillingAccount> found = billing.findByPhone(SEED);

    assertEquals("0138", found.get(0).contract());
    assertEquals(Money.rub("256.52"), found.get(0).balance());
    StubServer.Seen req = s.last();
    assertEquals("GET", req.method());
    assertEquals("/api/phone.php", req.path());
    assertEquals("phone=%2B79004445566", req.rawQuery());
    assertEquals("+79004445566", req.query().get("phone"), "a + must not arrive as a space");
  }

  @ParameterizedTest
  @CsvSource({
    "E164,%2B79004445566,+79004445566",
    "DIGITS11,79004445566,79004445566",
    "NATIONAL8,89004445566,89004445566",
    "DIGITS10,9004445566,9004445566"
  })
  void everyPhoneFormat(PhoneFormat format, String raw, String decoded) {
    StubServer s = stub(r -> Reply.json(200, FOUND));
    var billing =
        new HttpBillingDirectory(BillingConfig.of(s.uri("/phone")).withPhoneFormat(format));

    billing.findByPhone(SEED);

    assertEquals("phone=" + raw, s.last().rawQuery());
    assertEquals(decoded, s.last().query().get("phone"));
  }

  @Test
  void theExtraHeaderAndQueryAreSentAndTheUrlsOwnQueryKept() {
    StubServer s = stub(r -> Reply.json(200, FOUND));
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("api_key", "s3cr+t key&x");
    extra.put("v", "2");
    var billing =
        new HttpBillingDirectory(
            BillingConfig.of(s.uri("/api/phone.php?format=json"))
                .withExtraHeader("X-Api-Key", "header-secret")
                .withExtraQuery(extra));

    billing.findByPhone(SEED);

    StubServer.Seen req = s.last();
    assertEquals("format=json&phone=%2B79004445566&api_key=s3cr%2Bt%20key%26x&v=2", req.rawQuery());
    assertEquals("s3cr+t key&x", req.query().get("api_key"));
    assertEquals("header-secret", req.header("X-Api-Key"));
  }

  // ---- not found ----

  @Test
  void http404IsNotFound() {
    StubServer s = stub(r -> Reply.json(404, "{\"error\":\"client not found\"}"));
    assertEquals(List.of(), new HttpBillingDirectory(quick(s.uri("/"))).findByPhone(SEED));
    assertEquals(1, s.count(), "a 404 is an answer, not retried");
  }

  @Test
  void notFoundBodiesAreAnEmptyList() {
    for (String name :
        List.of(
            "not-found-empty-array.json",
            "not-found-empty-object.json",
            "not-found-error-field.json",
            "not-found-null.json")) {
      String body = new String(BillingAnswerTest.fixture(name), StandardCharsets.UTF_8);
      StubServer s = stub(r -> Reply.json(200, body));
      assertEquals(List.of(), new HttpBillingDirectory(quick(s.uri("/"))).findByPhone(SEED), name);
    }
  }

  // ---- faults ----

  @Test
  void http500IsAFailureNotRetried() {
    StubServer s = stub(r -> Reply.json(500, "{\"error\":\"db\"}"));
    UpstreamException e = failure(new HttpBillingDirectory(quick(s.uri("/"))));
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    assertEquals(1, s.count());
  }

  @Test
  void http502WithHtmlIsRetriedOnceThenAFailure() {
    String html =
        new String(BillingAnswerTest.fixture("failure-html.html"), StandardCharsets.UTF_8);
    StubServer s = stub(r -> Reply.html(502, html));
    UpstreamException e = failure(new HttpBillingDirectory(quick(s.uri("/"))));
    assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
    assertEquals(2, s.count(), "one retry");
  }

  @Test
  void a503ThenASuccessIsASuccessAfterThePause() {
    AtomicInteger n = new AtomicInteger();
    StubServer s =
        stub(r -> n.incrementAndGet() == 1 ? Reply.json(503, "") : Reply.json(200, FOUND));
    var billing =
        new HttpBillingDirectory(
            BillingConfig.of(s.uri("/")).withRetryDelay(Duration.ofMillis(300)));

    long t0 = System.nanoTime();
    assertEquals("0138", billing.findByPhone(SEED).get(0).contract());
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertEquals(2, s.count());
    assertTrue(ms >= 290, "the retry waits its 300 ms, took " + ms);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void aRefusedKeyIsAConfigurationProblemNamingTheKeySettingsNotRetried(int status) {
    StubServer s = stub(r -> Reply.json(status, "{\"error\":\"bad key\"}"));
    var billing = new HttpBillingDirectory(quick(s.uri("/")));
    UpstreamException e = assertThrows(UpstreamException.class, () -> billing.findByPhone(SEED));
    assertEquals(ErrorCode.CONFIGURATION, e.code());
    assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
    assertTrue(e.getMessage().contains("AIDA_BILLING_EXTRA_HEADER"), e.getMessage());
    assertTrue(e.getMessage().contains("AIDA_BILLING_EXTRA_QUERY"), e.getMessage());
    assertEquals(1, s.count());
  }

  @Test
  void aRefusedKeyNeverOpensTheBreakerSoItsMessageIsNotHidden() {
    StubServer s = stub(r -> Reply.json(401, "{}"));
    var billing =
        new HttpBillingDirectory(
            quick(s.uri("/"))
                .withBreaker(new BillingConfig.Breaker(2, 2, 50f, Duration.ofSeconds(30), 1)));
    for (int i = 0; i < 5; i++) {
      assertEquals(
          ErrorCode.CONFIGURATION,
          assertThrows(UpstreamException.class, () -> billing.findByPhone(SEED)).code());
    }
    assertEquals("CLOSED", billing.circuitState());
    assertEquals(5, s.count());
  }

  @Test
  void aRedirectIsNotFollowedAndNamesTheSetting() {
    StubServer s =
        stub(
            r ->
                r.path().equals("/old")
                    ? new Reply(301, new byte[0], null, false)
                    : Reply.json(200, FOUND));
    UpstreamException e = failure(new HttpBillingDirectory(quick(s.uri("/old"))));
    assertTrue(e.getMessage().contains("AIDA_BILLING_URL"), e.getMessage());
    assertEquals(1, s.count(), "the extra header never travels to a redirect target");
  }

  @Test
  void htmlWith200IsAFailure() {
    String html =
        new String(BillingAnswerTest.fixture("failure-html.html"), StandardCharsets.UTF_8);
    StubServer s = stub(r -> Reply.html(200, html));
    assertTrue(failure(new HttpBillingDirectory(quick(s.uri("/")))).getMessage().contains("HTML"));
  }

  @Test
  void malformedJsonIsAFailure() {
    StubServer s = stub(r -> Reply.json(200, "{\"client\": {\"fullname\": 'x'}}"));
    assertTrue(failure(new HttpBillingDirectory(quick(s.uri("/")))).getMessage().contains("JSON"));
  }

  @Test
  void aTruncatedBodyIsAFailure() {
    StubServer s =
        stub(
            r ->
                new Reply(
                    200,
                    BillingAnswerTest.fixture("failure-truncated.json"),
                    "application/json",
                    false));
    failure(new HttpBillingDirectory(quick(s.uri("/"))));
  }

  @Test
  void aFiveMebibyteBodyIsCutOffAtTheLimit() {
    byte[] big = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    for (boolean chunked : new boolean[] {false, true}) {
      StubServer s = stub(r -> new Reply(200, big, "application/json", chunked));
      UpstreamException e =
          failure(
              new HttpBillingDirectory(BillingConfig.of(s.uri("/")).withRetryDelay(Duration.ZERO)));
      assertTrue(e.getMessage().contains("1 МиБ"), e.getMessage());
      assertEquals(1, s.count(), "an over-large answer is not retried");
    }
  }

  @Test
  void aStallAfterTheHeadersEndsAtTheAnswerTimeoutNotThirtySeconds() {
    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                      + "{\"client\":{");
              Thread.sleep(30_000);
            });
    var billing = new HttpBillingDirectory(impatient(s.uri("/")));

    long t0 = System.nanoTime();
    UpstreamException e = failure(billing);
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertTrue(ms >= 450 && ms < 3_000, "ended after " + ms + " ms");
    assertTrue(e.getMessage().contains("0,5 с"), e.getMessage());
    assertEquals(1, s.connections(), "a time-out is not retried");
  }

  @Test
  void aTimedOutAnswerHasItsConnectionClosedNotLeaked() throws Exception {
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
              socket.setSoTimeout(20_000);
              try {
                if (socket.getInputStream().read() < 0) {
                  closed.countDown();
                }
              } catch (java.io.IOException e) {
                closed.countDown();
              }
            });
    failure(new HttpBillingDirectory(impatient(s.uri("/"))));
    assertTrue(
        closed.await(5, java.util.concurrent.TimeUnit.SECONDS),
        "the client closed the stalled connection");
  }

  @Test
  void aStallBeforeTheHeadersEndsAtTheAnswerTimeout() {
    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket);
              Thread.sleep(30_000);
            });
    long t0 = System.nanoTime();
    failure(new HttpBillingDirectory(impatient(s.uri("/"))));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 450 && ms < 3_000, "ended after " + ms + " ms");
  }

  @Test
  void aSlowTrickleIsCutAtTheWholeAnswerDeadline() {
    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
              for (int i = 0; i < 1000; i++) {
                RawServer.write(socket, " ");
                Thread.sleep(50);
              }
            });
    long t0 = System.nanoTime();
    failure(new HttpBillingDirectory(impatient(s.uri("/"))));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 3_000, "a body that never ends in time is cut, took " + ms + " ms");
  }

  @Test
  void connectionRefusedIsAFailureNamingTheHost() {
    URI refused = RawServer.refusedUri("/api/phone.php?key=query-secret");
    UpstreamException e = failure(new HttpBillingDirectory(quick(refused)));
    assertTrue(e.getMessage().contains("127.0.0.1:" + refused.getPort()), e.getMessage());
    assertFalse(e.getMessage().contains("query-secret"), e.getMessage());
  }

  @Test
  void aResetMidBodyIsAFailure() {
    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                      + "{\"client\":{\"fullname\":\"Нов");
              Thread.sleep(100);
              RawServer.reset(socket);
            });
    UpstreamException e = failure(new HttpBillingDirectory(quick(s.uri("/"))));
    assertTrue(e.getMessage().contains("оборвалось"), e.getMessage());
  }

  @Test
  void aConnectionDroppedBeforeTheAnswerIsRetriedOnce() {
    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket);
              if (n == 1) {
                RawServer.reset(socket);
                return;
              }
              byte[] body = FOUND.getBytes(StandardCharsets.UTF_8);
              RawServer.write(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                      + "Content-Length: "
                      + body.length
                      + "\r\n\r\n"
                      + FOUND);
              socket.close();
            });
    assertEquals(
        "0138", new HttpBillingDirectory(quick(s.uri("/"))).findByPhone(SEED).get(0).contract());
    assertEquals(2, s.connections());
  }

  // ---- ping ----

  @Test
  void pingAcceptsAnyHttpAnswerAndSendsNoPhone() {
    StubServer s = stub(r -> Reply.html(500, "<html>oops</html>"));
    var billing =
        new HttpBillingDirectory(
            quick(s.uri("/api/phone.php")).withExtraQuery(Map.of("key", "k1")));
    billing.ping();
    assertEquals("key=k1", s.last().rawQuery());
  }

  @Test
  void pingReportsARefusedKeyAsConfiguration() {
    StubServer s = stub(r -> Reply.json(403, "{}"));
    var billing = new HttpBillingDirectory(quick(s.uri("/api/phone.php")));
    UpstreamException e = assertThrows(UpstreamException.class, billing::ping);
    assertEquals(ErrorCode.CONFIGURATION, e.code());
    assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
  }

  @Test
  void pingFailsWhenNothingAnswers() {
    var billing = new HttpBillingDirectory(quick(RawServer.refusedUri("/")));
    assertEquals(
        ErrorCode.BILLING_UNAVAILABLE, assertThrows(UpstreamException.class, billing::ping).code());
  }

  // ---- circuit breaker ----

  @Test
  void theBreakerOpensAfterRepeatedFailuresFailsFastAndRecoversByItself() throws Exception {
    AtomicInteger status = new AtomicInteger(500);
    StubServer s =
        stub(r -> status.get() == 200 ? Reply.json(200, FOUND) : Reply.json(status.get(), "{}"));
    var billing =
        new HttpBillingDirectory(
            quick(s.uri("/"))
                .withBreaker(new BillingConfig.Breaker(4, 4, 50f, Duration.ofMillis(700), 1)));

    for (int i = 0; i < 4; i++) {
      assertTrue(failure(billing).getMessage().contains("HTTP 500"));
    }
    assertEquals("OPEN", billing.circuitState());

    int before = s.count();
    long t0 = System.nanoTime();
    UpstreamException fast = failure(billing);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(before, s.count(), "an open breaker does not call billing");
    assertTrue(fast.getMessage().contains("не отправляются"), fast.getMessage());
    assertTrue(ms < 1_000, "fails fast, took " + ms);

    status.set(200);
    Thread.sleep(900);
    assertEquals("0138", billing.findByPhone(SEED).get(0).contract());
    assertEquals("CLOSED", billing.circuitState(), "one good trial call closes it again");
    assertEquals(before + 1, s.count());
  }

  /** The state in the adapter's own terms, with the numbers the service's metric shows. */
  @Test
  void theBreakerStateGoesClosedOpenHalfOpenClosedWithItsNumbers() throws Exception {
    AtomicInteger status = new AtomicInteger(500);
    StubServer s =
        stub(r -> status.get() == 200 ? Reply.json(200, FOUND) : Reply.json(status.get(), "{}"));
    var billing =
        new HttpBillingDirectory(
            quick(s.uri("/"))
                .withBreaker(new BillingConfig.Breaker(2, 2, 50f, Duration.ofMillis(300), 2)));
    assertEquals(HttpBillingDirectory.BreakerState.CLOSED, billing.breakerState());

    failure(billing);
    failure(billing);
    assertEquals(HttpBillingDirectory.BreakerState.OPEN, billing.breakerState());
    assertEquals("OPEN", billing.circuitState());

    status.set(200);
    Thread.sleep(400);
    billing.findByPhone(SEED); // the first of two trials
    assertEquals(HttpBillingDirectory.BreakerState.HALF_OPEN, billing.breakerState());
    assertEquals("HALF_OPEN", billing.circuitState());
    billing.findByPhone(SEED);
    assertEquals(HttpBillingDirectory.BreakerState.CLOSED, billing.breakerState());

    assertEquals(0, HttpBillingDirectory.BreakerState.CLOSED.number());
    assertEquals(1, HttpBillingDirectory.BreakerState.OPEN.number());
    assertEquals(2, HttpBillingDirectory.BreakerState.HALF_OPEN.number());
  }

  /**
   * The adapter's public API names no resilience4j type: an embedder compiles against our types
   * only, and the breaker inside can change without breaking them.
   */
  @Test
  void noPublicSignatureLeaksTheBreakerLibrary() {
    List<String> leaks = new ArrayList<>();
    List<Class<?>> classes = new ArrayList<>();
    for (Class<?> top : List.of(HttpBillingDirectory.class, BillingConfig.class)) {
      classes.add(top);
      classes.addAll(List.of(top.getClasses())); // its public nested types
    }
    assertTrue(classes.contains(HttpBillingDirectory.BreakerState.class), classes.toString());
    for (Class<?> c : classes) {
      for (java.lang.reflect.Constructor<?> k : c.getConstructors()) {
        for (java.lang.reflect.Type t : k.getGenericParameterTypes()) {
          if (t.getTypeName().contains("resilience4j")) {
            leaks.add(c.getSimpleName() + "(): " + t.getTypeName());
          }
        }
      }
      for (java.lang.reflect.Method m : c.getMethods()) {
        List<java.lang.reflect.Type> types = new ArrayList<>();
        types.add(m.getGenericReturnType());
        types.addAll(List.of(m.getGenericParameterTypes()));
        for (java.lang.reflect.Type t : types) {
          if (t.getTypeName().contains("resilience4j")) {
            leaks.add(c.getSimpleName() + "." + m.getName() + ": " + t.getTypeName());
          }
        }
      }
    }
    assertEquals(List.of(), leaks);
  }

  @Test
  void notFoundDoesNotCountAsAFailure() {
    StubServer s = stub(r -> Reply.json(404, "{}"));
    var billing =
        new HttpBillingDirectory(
            quick(s.uri("/"))
                .withBreaker(new BillingConfig.Breaker(2, 2, 50f, Duration.ofSeconds(30), 1)));
    for (int i = 0; i < 5; i++) {
      assertEquals(List.of(), billing.findByPhone(SEED));
    }
    assertEquals("CLOSED", billing.circuitState());
  }

  // ---- secrets and logs ----

  @Test
  void logsMaskThePhoneAndNothingShowsTheSecrets() {
    try (CapturedLog log = CapturedLog.of(HttpBillingDirectory.class)) {
      StubServer ok = stub(r -> Reply.json(200, FOUND));
      BillingConfig config =
          quick(ok.uri("/?token=query-secret")).withExtraHeader("X-Key", "header-secret");
      new HttpBillingDirectory(config).findByPhone(SEED);
      StubServer bad = stub(r -> Reply.json(500, "{}"));
      UpstreamException e =
          assertThrows(
              UpstreamException.class,
              () ->
                  new HttpBillingDirectory(
                          quick(bad.uri("/?token=query-secret"))
                              .withExtraHeader("X-Key", "header-secret"))
                      .findByPhone(SEED));

      StubServer quoting =
          stub(
              r ->
                  Reply.json(
                      200,
                      "{\"error\": \"Абонент Новичков Тарас Викторович (+79004445566)"
                          + " заблокирован\"}"));
      assertThrows(
          UpstreamException.class,
          () -> new HttpBillingDirectory(quick(quoting.uri("/"))).findByPhone(SEED));

      List<String> lines = log.messages();
      assertFalse(lines.isEmpty(), "something was logged");
      assertTrue(lines.stream().anyMatch(l -> l.contains("А*** (+7900*****66)")), lines.toString());
      for (String line : lines) {
        assertFalse(line.contains("+79004445566"), line);
        assertFalse(line.contains("Тарас"), line);
        assertFalse(line.contains("secret"), line);
      }
      assertTrue(lines.stream().anyMatch(l -> l.contains(SEED.masked())), lines.toString());
      assertFalse(e.getMessage().contains("secret"));
      assertFalse(config.toString().contains("secret"), config.toString());
      assertFalse(new HttpBillingDirectory(config).toString().contains("secret"));
    }
  }

  @Test
  void theTechnicalCauseOfAFailedExchangeIsLoggedMaskedAsFreeScoutsIs() {
    UpstreamException e =
        new UpstreamException(
            ErrorCode.BILLING_UNAVAILABLE,
            "Биллинг недоступен: соединение оборвалось посреди ответа.",
            new ExchangeException(
                Failure.BROKEN,
                new java.io.IOException(
                    "closed by Новичков Тарас Викторович, тел. 8 (900) 444-55-66")));

    String line = HttpBillingDirectory.failureLine(SEED, e);

    assertTrue(
        line.endsWith(
            "соединение оборвалось посреди ответа. (IOException: closed by Н***, тел."
                + " +7900*****66)"),
        line);
  }

  @Test
  void aRefusedConnectionIsLoggedWithItsTechnicalCause() {
    try (CapturedLog log = CapturedLog.of(HttpBillingDirectory.class)) {
      assertThrows(
          UpstreamException.class,
          () -> new HttpBillingDirectory(quick(RawServer.refusedUri("/"))).findByPhone(SEED));
      List<String> lines = log.messages();
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("(ConnectException: Connection refused)")),
          lines.toString());
    }
  }

  @Test
  void theAnswerKeepsBlankFieldsAbsent() {
    String body =
        new String(BillingAnswerTest.fixture("found-blank-fields.json"), StandardCharsets.UTF_8);
    StubServer s = stub(r -> Reply.json(200, body));
    BillingAccount a = new HttpBillingDirectory(quick(s.uri("/"))).findByPhone(SEED).get(0);
    assertNull(a.fullName());
    assertNull(a.address());
  }
}
