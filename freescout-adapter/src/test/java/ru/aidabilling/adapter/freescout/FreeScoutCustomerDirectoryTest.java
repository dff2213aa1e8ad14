package ru.aidabilling.adapter.freescout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;
import ru.aidabilling.core.testing.CapturedLog;
import ru.aidabilling.core.testing.RawServer;
import ru.aidabilling.core.testing.StubServer;
import ru.aidabilling.core.testing.StubServer.Reply;

/**
 * The FreeScout adapter over real loopback HTTP: what it reads, what it sends, what it survives.
 */
class FreeScoutCustomerDirectoryTest {
  private static final CustomerId ONE = CustomerId.of(1);
  private static final ProfilePatch SEED_PATCH =
      ProfilePatch.empty()
          .withSet(ProfileField.ZIP, "Соляной")
          .withSet(ProfileField.COMPANY, "0138")
          .withSet(ProfileField.LAST_NAME, "Новичков")
          .withSet(ProfileField.FIRST_NAME, "Тарас");
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeServers() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  static String fixture(String name) {
    try (InputStream in =
        FreeScoutCustomerDirectoryTest.class.getResourceAsStream("/freescout/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("no fixture " + name, e);
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
  private static FreeScoutCustomerDirectory directory(URI base) {
    return new FreeScoutCustomerDirectory(
        FreeScoutConfig.of(base, FakeFreeScout.KEY).withRetryDelay(Duration.ZERO));
  }

  /** A 500 ms answer time-out for the stall test. */
  private static FreeScoutCustomerDirectory impatient(URI base) {
    return new FreeScoutCustomerDirectory(
        FreeScoutConfig.of(base, FakeFreeScout.KEY)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
            .withRetryDelay(Duration.ZERO));
  }

  private static UpstreamException fails(ErrorCode code, Executable call) {
    UpstreamException e = assertThrows(UpstreamException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    assertFalse(e.getMessage().contains(FakeFreeScout.KEY), "the key never shows");
    return e;
  }

  private static String body(StubServer.Seen s) {
    return new String(s.body(), StandardCharsets.UTF_8);
  }

  // ---- reading ----

  @Test
  void readsTheRealCustomerBodyWithItsEscapes() {
    StubServer s = stub(r -> Reply.json(200, fixture("customer-before-sync.json")));

    CustomerProfile c = directory(s.uri("")).find(ONE).orElseThrow();

    assertEquals(
        new CustomerProfile(
            ONE,
            "Ivan",
            "Petrov",
            null,
            null,
            null,
            null,
            List.of("+79004445566"),
            List.of("https://example.amocrm.ru/contacts/detail/1"),
            Instant.parse("2026-11-26T08:52:33Z")),
        c);
    StubServer.Seen req = s.last();
    assertEquals("GET", req.method());
    assertEquals("/api/customers/1", req.path());
    assertEquals(FakeFreeScout.KEY, req.header("X-FreeScout-API-Key"));
  }

  @Test
  void readsTheCustomerAfterTheSyncWithCyrillicFromEscapes() {
    StubServer s = stub(r -> Reply.json(200, fixture("customer-after-sync.json")));

    CustomerProfile c = directory(s.uri("")).find(ONE).orElseThrow();

    assertEquals("Тарас", c.firstName());
    assertEquals("Новичков", c.lastName());
    assertEquals("0138", c.company());
    assertEquals("Соляной", c.zip());
    assertNull(c.city());
  }

  @Test
  void phonesAndAddressFieldsInProfileOrder() {
    StubServer s =
        stub(
            r ->
                Reply.json(
                    200,
                    "{\"id\":7,\"firstName\":\"A\",\"_embedded\":{\"phones\":["
                        + "{\"id\":0,\"value\":\"8 (900) 111-22-33\",\"type\":\"home\"},"
                        + "{\"id\":1,\"value\":\"  \",\"type\":\"work\"},"
                        + "{\"id\":2,\"value\":\"+79004445566\",\"type\":\"mobile\"}],"
                        + "\"websites\":[{\"id\":0,\"value\":\"http:\\/\\/a.example\"}],"
                        + "\"address\":{\"city\":\"Волгоград\",\"state\":null,\"zip\":\"400000\","
                        + "\"country\":\"RU\",\"address\":\"ул. Мира 15\"}}}"));

    CustomerProfile c = directory(s.uri("")).find(CustomerId.of(7)).orElseThrow();

    assertEquals(List.of("8 (900) 111-22-33", "+79004445566"), c.phones());
    assertEquals(List.of("http://a.example"), c.websites());
    assertEquals("400000", c.zip());
    assertEquals("Волгоград", c.city());
    assertEquals("ул. Мира 15", c.address());
    assertNull(c.createdAt());
  }

  @Test
  void aBaseUrlWithASubFolderKeepsIt() {
    StubServer s = stub(r -> Reply.json(200, fixture("customer-before-sync.json")));
    directory(s.uri("/helpdesk/")).find(ONE);
    assertEquals("/helpdesk/api/customers/1", s.last().path());
    directory(s.uri("/helpdesk")).find(ONE);
    assertEquals("/helpdesk/api/customers/1", s.last().path());
  }

  // ---- writing ----

  @Test
  void theSeedPatchIsSentExactlyWithZipTopLevelInFieldOrder() {
    StubServer s = stub(r -> new Reply(204, new byte[0], null, false));

    directory(s.uri("")).update(ONE, SEED_PATCH);

    StubServer.Seen put = s.last();
    assertEquals("PUT", put.method());
    assertEquals("/api/customers/1", put.path());
    assertEquals(
        "{\"firstName\":\"Тарас\",\"lastName\":\"Новичков\",\"company\":\"0138\",\"zip\":\"Соляной\"}",
        body(put));
    assertTrue(put.header("Content-Type").startsWith("application/json"));
    assertEquals(FakeFreeScout.KEY, put.header("X-FreeScout-API-Key"));
  }

  @Test
  void theStreetLineGoesInAnAddressObjectAndCityTopLevel() {
    StubServer s = stub(r -> new Reply(204, new byte[0], null, false));
    var fs = directory(s.uri(""));

    fs.update(
        ONE,
        ProfilePatch.empty()
            .withSet(ProfileField.ADDRESS, "Набережная 8/1")
            .withSet(ProfileField.CITY, "Соляной"));
    assertEquals(
        "{\"city\":\"Соляной\",\"address\":{\"address\":\"Набережная 8/1\"}}", body(s.last()));

    fs.update(ONE, ProfilePatch.empty().withClear(ProfileField.ADDRESS));
    // not {"address": {"address": null}}: the real API answers that with 500 and saves nothing
    assertEquals("{\"address\":null}", body(s.last()));
  }

  @Test
  void onlyExplicitClearsAreNull() {
    StubServer s = stub(r -> new Reply(200, "{}".getBytes(), "application/json", false));

    directory(s.uri(""))
        .update(
            ONE,
            new ProfilePatch(
                Map.of(ProfileField.FIRST_NAME, "ООО «Ромашка»"), Set.of(ProfileField.LAST_NAME)));

    assertEquals("{\"firstName\":\"ООО «Ромашка»\",\"lastName\":null}", body(s.last()));
  }

  @Test
  void anEmptyPatchSendsNothing() {
    StubServer s = stub(r -> new Reply(204, new byte[0], null, false));
    directory(s.uri("")).update(ONE, ProfilePatch.empty());
    assertEquals(0, s.count());
  }

  @Test
  void aZipLongerThanTheColumnIsCutAsTheDatabaseWould() {
    StubServer s = stub(r -> new Reply(204, new byte[0], null, false));
    directory(s.uri(""))
        .update(ONE, ProfilePatch.empty().withSet(ProfileField.ZIP, "Краснослободск-Южный"));
    assertEquals("{\"zip\":\"Краснослобод\"}", body(s.last()));
  }

  @Test
  void theSeedPatchAgainstTheFakeStoresWhatTheRealApiWould() {
    FakeFreeScout fake = new FakeFreeScout();
    open.add(fake);
    fake.put(
        new CustomerProfile(
            ONE,
            "Ivan",
            "Petrov",
            null,
            null,
            null,
            null,
            List.of("+79004445566"),
            List.of(),
            Instant.parse("2026-11-26T08:52:33Z")));
    var fs = directory(fake.baseUrl());

    fs.update(ONE, SEED_PATCH);
    CustomerProfile once = fake.stored(ONE).orElseThrow();
    fs.update(ONE, SEED_PATCH);

    assertEquals("Тарас", once.firstName());
    assertEquals("Соляной", once.zip());
    assertEquals(once, fake.stored(ONE).orElseThrow(), "a repeated PUT leaves the same state");
    assertEquals(2, fake.puts().size());
    assertEquals(body(fake.puts().get(0)), body(fake.puts().get(1)));
  }

  @Test
  void aPutIsRetriedOnceAfterTheConnectionDroppedBecauseItIsIdempotent() {
    List<String> bodies = new ArrayList<>();
    RawServer s =
        raw(
            (socket, n) -> {
              String head = readRequest(socket, bodies);
              if (n == 1) {
                RawServer.reset(socket);
                return;
              }
              RawServer.write(socket, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
              socket.close();
              assertTrue(head.startsWith("PUT "));
            });

    directory(s.uri("")).update(ONE, SEED_PATCH);

    assertEquals(2, s.connections());
    assertEquals(2, bodies.size());
    assertEquals(bodies.get(0), bodies.get(1), "the same patch twice");
  }

  /** Reads a request with a Content-Length body; returns the head, adds the body. */
  private static String readRequest(java.net.Socket socket, List<String> bodies)
      throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    synchronized (bodies) {
      bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
    return head.toString();
  }

  // ---- listing and ping ----

  @Test
  void listingAsksOldestFirstWithPagingAndUpdatedSince() {
    StubServer s = stub(r -> Reply.json(200, fixture("customers-page-1.json")));

    CustomerPage page =
        directory(s.uri(""))
            .list(new PageQuery(1, 2, Optional.of(Instant.parse("2024-05-01T10:15:30.123Z"))));

    assertEquals(List.of(3L, 2L), page.customers().stream().map(c -> c.id().value()).toList());
    assertEquals(2, page.totalPages());
    assertEquals(3, page.totalElements(), "page.totalElements, for a walker to see deletions");
    assertEquals(1, page.page());
    assertEquals("Second", page.customers().get(1).firstName());
    Map<String, String> q = new LinkedHashMap<>(s.last().query());
    assertEquals("/api/customers", s.last().path());
    assertEquals("createdAt", q.get("sortField"));
    assertEquals("asc", q.get("sortOrder"));
    assertEquals("1", q.get("page"));
    assertEquals("2", q.get("pageSize"));
    assertEquals("2024-05-01T10:15:30Z", q.get("updatedSince"));
  }

  @Test
  void anEmptyListingTrustsTotalPages() {
    StubServer s = stub(r -> Reply.json(200, fixture("customers-no-match.json")));
    CustomerPage page = directory(s.uri("")).list(new PageQuery(1, 50, Optional.empty()));
    assertEquals(List.of(), page.customers());
    assertTrue(page.isLast());
  }

  @Test
  void aListingWithoutTotalPagesIsAFailure() {
    StubServer s = stub(r -> Reply.json(200, "{\"_embedded\":{\"customers\":[]}}"));
    fails(
        ErrorCode.HELPDESK_UNAVAILABLE,
        () -> directory(s.uri("")).list(new PageQuery(1, 50, Optional.empty())));
  }

  @Test
  void pingAsksForOneCustomerAndReadsTheListing() {
    StubServer s = stub(r -> Reply.json(200, fixture("customers-page-1.json")));
    directory(s.uri("")).ping();
    assertEquals("/api/customers", s.last().path());
    assertEquals("pageSize=1", s.last().rawQuery());
  }

  @Test
  void aPingAnswered200WithAPageThatIsNotTheApiMeansTheUrlIsWrong() {
    // a landing page, a proxy's or a login page at AIDA_FREESCOUT_URL answers 200 to anything
    StubServer s = stub(r -> Reply.html(200, "<html><body>Welcome to our site</body></html>"));
    UpstreamException e = fails(ErrorCode.HELPDESK_UNAVAILABLE, directory(s.uri(""))::ping);
    assertTrue(e.getMessage().contains("AIDA_FREESCOUT_URL"), e.getMessage());
    assertTrue(e.getMessage().contains("FreeScout прислал не JSON"), e.getMessage());

    s.respondWith(r -> Reply.json(200, "{\"status\":\"ok\"}"));
    UpstreamException notAListing =
        fails(ErrorCode.HELPDESK_UNAVAILABLE, directory(s.uri(""))::ping);
    assertTrue(notAListing.getMessage().contains("page.totalPages"), notAListing.getMessage());
    assertTrue(notAListing.getMessage().contains("AIDA_FREESCOUT_URL"), notAListing.getMessage());
  }

  @Test
  void anAnswerThatIsNotJsonIsLoggedWithItsTechnicalCause() {
    List<String> lines;
    try (CapturedLog log = CapturedLog.of(FreeScoutCustomerDirectory.class)) {
      StubServer s = stub(r -> Reply.html(200, "<html>Новичков Тарас +79004445566</html>"));
      fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(s.uri("")).find(ONE));
      fails(ErrorCode.HELPDESK_UNAVAILABLE, directory(s.uri(""))::ping);
      lines = log.messages();
      assertTrue(
          log.records().stream()
              .allMatch(r -> r.getLevel().equals(java.util.logging.Level.WARNING)),
          lines.toString());
    }
    assertEquals(2, lines.size(), lines.toString());
    for (String line : lines) {
      assertTrue(line.contains("FreeScout прислал не JSON"), line);
      assertTrue(line.contains("Unexpected character ('<'"), "the parser's reason: " + line);
      assertFalse(line.contains("Новичков") || line.contains("4445566"), line);
    }
  }

  // ---- faults ----

  /** Every read-type call, for the fault rows that apply to all of them. */
  private static List<Executable> reads(FreeScoutCustomerDirectory fs) {
    return List.of(
        () -> fs.find(ONE), () -> fs.list(new PageQuery(1, 10, Optional.empty())), fs::ping);
  }

  @Test
  void a401IsAConfigurationErrorNamingTheSetting() {
    StubServer s = stub(r -> Reply.json(401, fixture("error-401.json")));
    var fs = directory(s.uri(""));
    List<Executable> calls = new ArrayList<>(reads(fs));
    calls.add(() -> fs.update(ONE, SEED_PATCH));
    for (Executable call : calls) {
      UpstreamException e = fails(ErrorCode.CONFIGURATION, call);
      assertTrue(e.getMessage().contains("AIDA_FREESCOUT_API_KEY"), e.getMessage());
      assertTrue(e.getMessage().contains("Not Authorized"), e.getMessage());
    }
  }

  @Test
  void a404OnReadIsEmptyAndOnWriteCustomerNotFound() {
    StubServer s = stub(r -> Reply.json(404, fixture("error-404.json")));
    var fs = directory(s.uri(""));
    assertEquals(Optional.empty(), fs.find(ONE));
    UpstreamException e = fails(ErrorCode.CUSTOMER_NOT_FOUND, () -> fs.update(ONE, SEED_PATCH));
    assertTrue(e.getMessage().contains("1"), e.getMessage());
  }

  @Test
  void anHtml404MeansTheUrlIsWrongNotThatTheCustomerIsMissing() {
    StubServer s = stub(r -> Reply.html(404, "<html><body>Not Found</body></html>"));
    var fs = directory(s.uri("/wrong"));
    UpstreamException e = fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> fs.find(ONE));
    assertTrue(e.getMessage().contains("AIDA_FREESCOUT_URL"), e.getMessage());
    fails(ErrorCode.HELPDESK_UNAVAILABLE, fs::ping);
  }

  @Test
  void aBodiless404IsNotACustomerThatIsMissing() {
    // FreeScout's own 404 for a missing customer is a JSON object; an empty one comes from
    // something in between (a proxy, a wrong path), and a webhook must not drop its customer on it.
    StubServer s = stub(r -> new Reply(404, new byte[0], "text/html", false));
    var fs = directory(s.uri(""));
    fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> fs.find(ONE));
    fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> fs.update(ONE, SEED_PATCH));
    StubServer array = stub(r -> Reply.json(404, "[]"));
    fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(array.uri("")).find(ONE));
  }

  @Test
  void theLogMasksANameAndAPhoneFreeScoutQuotes() {
    List<String> lines;
    try (CapturedLog log = CapturedLog.of(FreeScoutCustomerDirectory.class)) {
      StubServer s =
          stub(
              r ->
                  Reply.json(
                      400,
                      "{\"message\":\"Error occurred\",\"_embedded\":{\"errors\":[{\"path\":"
                          + "\"lastName\",\"message\":\"Клиент Новичков Тарас Викторович с"
                          + " телефоном +79004445566 уже существует\"}]}}"));
      UpstreamException e =
          fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(s.uri("")).update(ONE, SEED_PATCH));
      assertTrue(e.getMessage().contains("Новичков Тарас"), "the agent's answer keeps it");
      lines = log.messages();
    }
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).contains("lastName: К*** с телефоном +7900*****66 уже существует"),
        lines.get(0));
  }

  @Test
  void a400CarriesFreeScoutsOwnMessages() {
    StubServer s =
        stub(
            r ->
                Reply.json(
                    400,
                    "{\"message\":\"Error occurred\",\"_embedded\":{\"errors\":[{\"path\":\"firstName\","
                        + "\"message\":\"The first name may not be greater than 255 characters.\","
                        + "\"source\":\"body\"}]}}"));
    UpstreamException e =
        fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(s.uri("")).update(ONE, SEED_PATCH));
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("Error occurred; firstName: The first name may not be greater than 255"),
        e.getMessage());
  }

  @Test
  void a500CarriesItsMessageAndIsNotRetried() {
    StubServer s = stub(r -> Reply.json(500, "{\"message\":\"Server Error\"}"));
    UpstreamException e =
        fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(s.uri("")).update(ONE, SEED_PATCH));
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    assertTrue(e.getMessage().contains("«Server Error»"), e.getMessage());
    assertEquals(1, s.count(), "an error status is not retried");
  }

  /**
   * The fake refuses the seed's nested {@code "address": {"zip": …}} with 500 and saves nothing, as
   * the real API did, so the contract run against it would catch an adapter that nests zip.
   */
  @Test
  void theFakeRejectsTheSeedsNestedZipAsTheRealApiDid() throws Exception {
    FakeFreeScout fake = new FakeFreeScout();
    open.add(fake);
    CustomerProfile before =
        new CustomerProfile(ONE, "Ivan", null, null, null, null, null, List.of(), List.of(), null);
    fake.put(before);
    var put =
        java.net.http.HttpRequest.newBuilder(fake.baseUrl().resolve("/api/customers/1"))
            .header("X-FreeScout-API-Key", FakeFreeScout.KEY)
            .PUT(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"first_name\":\"Тарас\",\"address\":{\"zip\":\"Соляной\"}}"))
            .build();
    var answer =
        java.net.http.HttpClient.newHttpClient()
            .send(put, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(500, answer.statusCode());
    assertEquals("Ivan", fake.stored(ONE).orElseThrow().firstName(), "nothing saved");

    directory(fake.baseUrl()).update(ONE, SEED_PATCH);
    assertEquals("Соляной", fake.stored(ONE).orElseThrow().zip(), "the adapter's form works");
  }

  @Test
  void aLongErrorMessageIsCut() {
    String longMessage = "x".repeat(5000);
    StubServer s = stub(r -> Reply.json(500, "{\"message\":\"" + longMessage + "\"}"));
    UpstreamException e =
        fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(s.uri("")).find(ONE));
    assertTrue(e.getMessage().length() < 500, "length " + e.getMessage().length());
  }

  @Test
  void aStallEndsAtTheAnswerTimeoutForReadsAndWrites() {
    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket);
              RawServer.write(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{\"id\":1,");
              Thread.sleep(30_000);
            });
    var fs = impatient(s.uri(""));
    List<Executable> calls = new ArrayList<>(reads(fs));
    calls.add(() -> fs.update(ONE, SEED_PATCH));
    for (Executable call : calls) {
      long t0 = System.nanoTime();
      UpstreamException e = fails(ErrorCode.HELPDESK_UNAVAILABLE, call);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 450 && ms < 3_000, "ended after " + ms + " ms");
      assertTrue(e.getMessage().contains("0,5 с"), e.getMessage());
    }
    assertEquals(calls.size(), s.connections(), "a time-out is never retried");
  }

  @Test
  void aWriteGivenAnEndIsOverByItWhateverTheAnswerTimeOut() {
    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket);
              Thread.sleep(30_000); // never answers
            });
    var fs = directory(s.uri("")); // answer time-out 5 s
    long t0 = System.nanoTime();
    fails(
        ErrorCode.HELPDESK_UNAVAILABLE,
        () -> fs.update(ONE, SEED_PATCH, java.time.Instant.now().plusMillis(700)));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 600 && ms < 3_000, "ended at its end, after " + ms + " ms, not after 5 s");

    long t1 = System.nanoTime();
    fails(
        ErrorCode.HELPDESK_UNAVAILABLE,
        () -> fs.update(ONE, SEED_PATCH, java.time.Instant.now().minusMillis(1)));
    assertTrue((System.nanoTime() - t1) / 1_000_000 < 1_000, "no time left: nothing sent");
    assertEquals(1, s.connections(), "the second write was never sent");
  }

  @Test
  void aWriteSaysWhetherFreeScoutMayHaveGotIt() throws Exception {
    java.net.ServerSocket taken = new java.net.ServerSocket(0);
    int port = taken.getLocalPort();
    taken.close(); // nobody listens there now
    UpstreamException refused =
        fails(
            ErrorCode.HELPDESK_UNAVAILABLE,
            () -> directory(URI.create("http://127.0.0.1:" + port)).update(ONE, SEED_PATCH));
    assertFalse(refused.requestMaybeSent(), "connection refused twice: nothing went out");

    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket);
              Thread.sleep(30_000); // got it, never answers
            });
    UpstreamException stalled =
        fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> impatient(s.uri("")).update(ONE, SEED_PATCH));
    assertTrue(stalled.requestMaybeSent(), "FreeScout got the PUT: it may have saved it");
  }

  @Test
  void aWriteWithAnEndIsNotRetriedAfterItsConnectionDropped() {
    RawServer s =
        raw(
            (socket, n) -> {
              RawServer.readHead(socket); // got it, then gone without a word
              socket.close();
            });
    var fs = directory(s.uri(""));
    fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> fs.update(ONE, SEED_PATCH));
    int withoutEnd = s.connections();
    fails(
        ErrorCode.HELPDESK_UNAVAILABLE,
        () -> fs.update(ONE, SEED_PATCH, java.time.Instant.now().plusSeconds(10)));
    int withEnd = s.connections() - withoutEnd;
    assertTrue(
        withEnd < withoutEnd,
        "no retry on what is left of a deadline: " + withEnd + " vs " + withoutEnd);
  }

  @Test
  void connectionRefusedIsUnavailableForEveryCall() {
    var fs = directory(RawServer.refusedUri(""));
    List<Executable> calls = new ArrayList<>(reads(fs));
    calls.add(() -> fs.update(ONE, SEED_PATCH));
    for (Executable call : calls) {
      UpstreamException e = fails(ErrorCode.HELPDESK_UNAVAILABLE, call);
      assertTrue(e.getMessage().contains("не удалось соединиться"), e.getMessage());
    }
  }

  @Test
  void aFiveMebibyteAnswerIsCutOff() {
    byte[] big = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    StubServer s = stub(r -> new Reply(200, big, "application/json", true));
    UpstreamException e =
        fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(s.uri("")).find(ONE));
    assertTrue(e.getMessage().contains("1 МиБ"), e.getMessage());
  }

  @Test
  void aNonJsonCustomerIsAFailure() {
    StubServer s = stub(r -> Reply.html(200, "<html>maintenance</html>"));
    fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(s.uri("")).find(ONE));
    s.respondWith(r -> Reply.json(200, "{}"));
    fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(s.uri("")).find(ONE));
  }

  @Test
  void aRedirectIsNotFollowedSoTheKeyStaysHome() {
    StubServer s = stub(r -> new Reply(301, new byte[0], null, false));
    UpstreamException e =
        fails(ErrorCode.HELPDESK_UNAVAILABLE, () -> directory(s.uri("")).find(ONE));
    assertTrue(e.getMessage().contains("AIDA_FREESCOUT_URL"), e.getMessage());
    assertEquals(1, s.count());
  }

  @Test
  void failedReadsNeverWrite() {
    AtomicInteger status = new AtomicInteger();
    StubServer s = stub(r -> Reply.json(status.get(), "{\"message\":\"x\"}"));
    var fs = directory(s.uri(""));
    Consumer<Integer> readAll =
        code -> {
          status.set(code);
          for (Executable call : reads(fs)) {
            assertThrows(UpstreamException.class, call);
          }
        };
    readAll.accept(401);
    readAll.accept(500);
    readAll.accept(400);
    assertTrue(s.requests().stream().noneMatch(r -> r.method().equals("PUT")));
  }

  // ---- configuration ----

  @Test
  void theConfigNeverShowsTheKey() {
    FreeScoutConfig c = FreeScoutConfig.of(URI.create("https://help.example"), "very-secret-key");
    assertFalse(c.toString().contains("very-secret-key"), c.toString());
    assertFalse(new FreeScoutCustomerDirectory(c).toString().contains("very-secret-key"));
  }
}
