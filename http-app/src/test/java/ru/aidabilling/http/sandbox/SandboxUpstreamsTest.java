package ru.aidabilling.http.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fake upstreams speak the billing and FreeScout wire formats byte for byte. */
class SandboxUpstreamsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FOUND_31 =
      "{\"client\":{\"fullname\":\"Новичков Тарас Викторович\",\"contract_number\":\"0138\","
          + "\"address\":\"поселок Соляной Набережная 8/1\",\"tariff\":\"2024_SMiT\","
          + "\"ballance\":\"256.52\"}}";
  private static final String NOT_FOUND_404 =
      "{\"message\":\"Not Found\",\"_embedded\":{\"errors\":[]}}";

  private final HttpClient http = HttpClient.newHttpClient();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T08:52:54.250Z"));
  private SandboxUpstreams up;

  @BeforeEach
  void start() {
    up = SandboxUpstreams.start(clock);
  }

  @AfterEach
  void stop() {
    up.close();
  }

  // ---- billing ----

  @ParameterizedTest
  @ValueSource(strings = {"%2B79004445566", "79004445566", "89004445566", "9004445566"})
  void billingFindsTheSeedCustomerInEveryPhoneFormat(String phone) throws Exception {
    HttpResponse<String> r = get(billing("?phone=" + phone), null);
    assertEquals(200, r.statusCode());
    assertEquals(FOUND_31, r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
  }

  @Test
  void anUnencodedPlusArrivesAsASpaceAndIsNotFound() throws Exception {
    HttpResponse<String> r = get(billing("?phone=+79004445566"), null);
    assertEquals(200, r.statusCode());
    assertEquals("{\"client\":null}", r.body());
  }

  @Test
  void billingAnswersNullClientForAnUnknownOrMissingPhone() throws Exception {
    assertEquals("{\"client\":null}", get(billing("?phone=%2B79005550000"), null).body());
    assertEquals("{\"client\":null}", get(billing(""), null).body());
  }

  @Test
  void billingGivesSeveralAccountsAsAClientsArray() throws Exception {
    JsonNode body = JSON.readTree(get(billing("?phone=%2B79023334455"), null).body());
    assertEquals(2, body.get("clients").size());
    assertEquals("0512", body.get("clients").get(0).get("contract_number").asText());
    assertEquals("0513", body.get("clients").get(1).get("contract_number").asText());
  }

  @Test
  void billingGivesTheDebtAsANegativeNumber() throws Exception {
    String body = get(billing("?phone=89021112233"), null).body();
    assertTrue(body.contains("\"ballance\":-1250.5}"), body);
  }

  @Test
  void billingDownIsA500WithAnHtmlPage() throws Exception {
    HttpResponse<String> r = get(billing("?phone=%2B79007778899"), null);
    assertEquals(500, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(r.body().startsWith("<html>"), r.body());
  }

  @Test
  void billingHasOnlyItsOnePath() throws Exception {
    URI other = up.billingUrl().resolve("/api/other.php?phone=9004445566");
    assertEquals(404, get(other, null).statusCode());
  }

  // ---- FreeScout: auth and reads ----

  @Test
  void freescoutRefusesAMissingOrWrongKey() throws Exception {
    HttpResponse<String> none = get(fs("/api/customers/31"), null);
    assertEquals(401, none.statusCode());
    assertEquals("{\"message\":\"Not Authorized\"}", none.body());
    assertEquals(401, get(fs("/api/customers/31"), "wrong").statusCode());
    assertEquals(401, get(fs("/api/customers?pageSize=1"), "wrong").statusCode());
  }

  @Test
  void freescoutAcceptsTheKeyAsAQueryParameterToo() throws Exception {
    assertEquals(200, get(fs("/api/customers/31?api_key=" + up.apiKey()), null).statusCode());
  }

  @Test
  void customer31ReadsExactlyLikeTheRecordedBody() throws Exception {
    HttpResponse<String> r = get(fs("/api/customers/31"), up.apiKey());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    // customer-before-sync.json, with the sandbox's id: PHP escapes for "/" and non-ASCII.
    assertEquals(
        "{\"id\":31,\"firstName\":\"Ivan\",\"lastName\":\"Petrov\",\"jobTitle\":null,"
            + "\"company\":null,\"photoType\":\"unknown\",\"photoUrl\":\"\","
            + "\"createdAt\":\"2026-11-26T08:52:33Z\",\"updatedAt\":\"2026-11-26T08:52:33Z\","
            + "\"notes\":null,\"_embedded\":{\"emails\":[],\"phones\":[{\"id\":0,"
            + "\"value\":\"+79004445566\",\"type\":\"work\"}],\"social_profiles\":[],"
            + "\"websites\":[{\"id\":0,\"value\":\"https:\\/\\/example.amocrm.ru\\/contacts"
            + "\\/detail\\/1\"}],\"address\":{\"city\":null,\"state\":null,\"zip\":null,"
            + "\"country\":null,\"address\":null}}}",
        r.body());
  }

  @Test
  void unknownCustomerIsTheRealNotFound() throws Exception {
    HttpResponse<String> r = get(fs("/api/customers/999"), up.apiKey());
    assertEquals(404, r.statusCode());
    assertEquals(NOT_FOUND_404, r.body());
    assertEquals(404, get(fs("/api/customers/abc"), up.apiKey()).statusCode());
  }

  // ---- FreeScout: partial PUT ----

  @Test
  void putIsPartialAnswers204AndMatchesTheRecordedAfterBody() throws Exception {
    HttpResponse<String> r =
        put(31, "{\"first_name\":\"Тарас\",\"last_name\":\"Новичков\",\"company\":\"0138\"}");
    assertEquals(204, r.statusCode());
    assertEquals("", r.body());
    assertEquals(204, put(31, "{\"zip\":\"Соляной\"}").statusCode());
    String after = get(fs("/api/customers/31"), up.apiKey()).body();
    // customer-after-sync.json, with the sandbox's id.
    assertEquals(
        "{\"id\":31,\"firstName\":\"\\u0422\\u0430\\u0440\\u0430\\u0441\","
            + "\"lastName\":\"\\u041d\\u043e\\u0432\\u0438\\u0447\\u043a\\u043e\\u0432\","
            + "\"jobTitle\":null,\"company\":\"0138\",\"photoType\":\"unknown\",\"photoUrl\":\"\","
            + "\"createdAt\":\"2026-11-26T08:52:33Z\",\"updatedAt\":\"2026-11-26T08:52:54Z\","
            + "\"notes\":null,\"_embedded\":{\"emails\":[],\"phones\":[{\"id\":0,"
            + "\"value\":\"+79004445566\",\"type\":\"work\"}],\"social_profiles\":[],"
            + "\"websites\":[{\"id\":0,\"value\":\"https:\\/\\/example.amocrm.ru\\/contacts"
            + "\\/detail\\/1\"}],\"address\":{\"city\":null,\"state\":null,"
            + "\"zip\":\"\\u0421\\u043e\\u043b\\u044f\\u043d\\u043e\\u0439\",\"country\":null,"
            + "\"address\":null}}}",
        after);
  }

  @Test
  void camelCaseAndSnakeCaseNameTheSameField() throws Exception {
    assertEquals(204, put(31, "{\"firstName\":\"Тарас\",\"lastName\":\"Новичков\"}").statusCode());
    FakeCustomer c = up.customer(31).orElseThrow();
    assertEquals("Тарас", c.firstName());
    assertEquals("Новичков", c.lastName());
  }

  @Test
  void theSeedsNestedZipIsA500AndSavesNothing() throws Exception {
    FakeCustomer before = up.customer(31).orElseThrow();
    HttpResponse<String> r =
        put(31, "{\"first_name\":\"Тарас\",\"address\":{\"zip\":\"Соляной\"}}");
    assertEquals(500, r.statusCode());
    assertEquals("{\"message\":\"Server Error\"}", r.body());
    assertEquals(500, put(31, "{\"address\":\"ул. Ленина 1\"}").statusCode());
    assertEquals(before, up.customer(31).orElseThrow());
  }

  @Test
  void anAddressObjectWithAnAddressKeyIsSaved() throws Exception {
    assertEquals(
        204,
        put(31, "{\"address\":{\"address\":\"ул. Ленина 1\",\"zip\":\"404171\"}}").statusCode());
    FakeCustomer c = up.customer(31).orElseThrow();
    assertEquals("ул. Ленина 1", c.address());
    assertEquals("404171", c.zip());
  }

  /** As the real API: {"address": {"address": null}} is a 500; a top-level null clears it. */
  @Test
  void theStreetLineIsClearedByATopLevelNullNotByANestedOne() throws Exception {
    assertEquals(204, put(31, "{\"address\":{\"address\":\"ул. Ленина 1\"}}").statusCode());
    FakeCustomer before = up.customer(31).orElseThrow();
    assertEquals(500, put(31, "{\"address\":{\"address\":null}}").statusCode());
    assertEquals(500, put(31, "{\"address\":{\"address\":\"\"}}").statusCode());
    assertEquals(before, up.customer(31).orElseThrow());

    assertEquals(204, put(31, "{\"address\":null}").statusCode());
    assertEquals(null, up.customer(31).orElseThrow().address());
    assertEquals(204, put(31, "{\"address\":{\"address\":\"ул. Мира 2\"}}").statusCode());
    assertEquals(204, put(31, "{\"address\":\"\"}").statusCode());
    assertEquals(null, up.customer(31).orElseThrow().address());
  }

  @Test
  void nullEmptyAndBlankClearAField() throws Exception {
    assertEquals(
        204,
        put(34, "{\"lastName\":null,\"firstName\":\"   \",\"company\":\"x\",\"city\":\"\"}")
            .statusCode());
    FakeCustomer c = up.customer(34).orElseThrow();
    assertEquals(null, c.lastName());
    assertEquals(null, c.firstName());
    assertEquals("x", c.company());
    assertEquals(204, put(34, "{\"company\":\"\"}").statusCode());
    assertEquals(null, up.customer(34).orElseThrow().company());
  }

  @Test
  void theZipIsCutTo12CharactersAndOtherFieldsAreLeftAlone() throws Exception {
    assertEquals(204, put(31, "{\"zip\":\"Светлоярский район\"}").statusCode());
    FakeCustomer c = up.customer(31).orElseThrow();
    assertEquals("Светлоярский", c.zip());
    assertEquals("Ivan", c.firstName());
    assertEquals(List.of("https://example.amocrm.ru/contacts/detail/1"), c.websites());
  }

  @Test
  void theFailingCustomerAnswers500OnWriteAndKeepsItsProfile() throws Exception {
    FakeCustomer before = up.customer(37).orElseThrow();
    HttpResponse<String> r = put(37, "{\"first_name\":\"Рашид\"}");
    assertEquals(500, r.statusCode());
    assertEquals(before, up.customer(37).orElseThrow());
    assertEquals(200, get(fs("/api/customers/37"), up.apiKey()).statusCode());
  }

  @Test
  void putToAnUnknownCustomerIs404AndABadBodyIs400() throws Exception {
    HttpResponse<String> r = put(999, "{\"first_name\":\"x\"}");
    assertEquals(404, r.statusCode());
    assertEquals(NOT_FOUND_404, r.body());
    assertEquals(400, put(31, "not json").statusCode());
    assertEquals(400, put(31, "[1,2]").statusCode());
  }

  @Test
  void putWithoutTheKeyIs401AndSavesNothing() throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(fs("/api/customers/31"))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"first_name\":\"X\"}"))
            .header("Content-Type", "application/json")
            .build();
    assertEquals(401, http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals("Ivan", up.customer(31).orElseThrow().firstName());
  }

  // ---- FreeScout: listing ----

  @Test
  void listingPagesOldestFirstAndReportsTotalPages() throws Exception {
    List<Long> ids = new ArrayList<>();
    int totalPages = Integer.MAX_VALUE;
    for (int page = 1; page <= totalPages; page++) {
      JsonNode body =
          JSON.readTree(
              get(
                      fs(
                          "/api/customers?page="
                              + page
                              + "&pageSize=3&sortField=createdAt&sortOrder=asc"),
                      up.apiKey())
                  .body());
      totalPages = body.get("page").get("totalPages").asInt();
      assertEquals(3, body.get("page").get("size").asInt());
      assertEquals(11, body.get("page").get("totalElements").asInt());
      assertEquals(page, body.get("page").get("number").asInt());
      body.get("_embedded").get("customers").forEach(c -> ids.add(c.get("id").asLong()));
    }
    assertEquals(4, totalPages);
    assertEquals(List.of(31L, 32L, 33L, 34L, 35L, 36L, 37L, 38L, 39L, 40L, 41L), ids);
  }

  @Test
  void listingDefaultsToNewestFirstAndAPageBeyondTheEndIsEmpty() throws Exception {
    JsonNode first = JSON.readTree(get(fs("/api/customers?pageSize=1"), up.apiKey()).body());
    assertEquals(41, first.get("_embedded").get("customers").get(0).get("id").asInt());
    assertEquals(11, first.get("page").get("totalPages").asInt());
    JsonNode beyond = JSON.readTree(get(fs("/api/customers?page=9"), up.apiKey()).body());
    assertEquals(0, beyond.get("_embedded").get("customers").size());
    assertEquals(1, beyond.get("page").get("totalPages").asInt());
  }

  @Test
  void listingFiltersByUpdatedSince() throws Exception {
    clock.set(Instant.parse("2026-12-01T10:00:00Z"));
    assertEquals(204, put(33, "{\"company\":\"0512\"}").statusCode());
    JsonNode body =
        JSON.readTree(
            get(fs("/api/customers?updatedSince=2026-12-01T09:00:00%2B00:00"), up.apiKey()).body());
    assertEquals(1, body.get("page").get("totalElements").asInt());
    assertEquals(33, body.get("_embedded").get("customers").get(0).get("id").asInt());
    assertEquals(
        "2026-12-01T10:00:00Z",
        body.get("_embedded").get("customers").get(0).get("updatedAt").asText());
    assertEquals(400, get(fs("/api/customers?updatedSince=yesterday"), up.apiKey()).statusCode());
  }

  @Test
  void anUnchangedPutKeepsUpdatedAt() throws Exception {
    clock.set(Instant.parse("2026-12-01T10:00:00Z"));
    assertEquals(204, put(39, "{\"company\":\"0777\"}").statusCode());
    assertEquals(Instant.parse("2026-11-26T09:00:33Z"), up.customer(39).orElseThrow().updatedAt());
  }

  @Test
  void listingFiltersByPhoneDigits() throws Exception {
    JsonNode body = JSON.readTree(get(fs("/api/customers?phone=9021112233"), up.apiKey()).body());
    assertEquals(1, body.get("page").get("totalElements").asInt());
    assertEquals(32, body.get("_embedded").get("customers").get(0).get("id").asInt());
  }

  @Test
  void everySandboxCaseHasACustomerAndTheyAreInIdOrder() {
    List<Long> ids = up.cases().stream().map(SandboxCase::id).toList();
    assertEquals(List.of(31L, 32L, 33L, 34L, 35L, 36L, 37L, 38L, 39L, 40L, 41L), ids);
    up.cases().forEach(c -> assertTrue(up.customer(c.id()).isPresent(), "customer " + c.id()));
    assertFalse(up.customer(36).orElseThrow().phones().size() > 0);
  }

  @Test
  void eachStartHasItsOwnKeyAndPorts() {
    try (SandboxUpstreams other = SandboxUpstreams.start()) {
      assertFalse(other.apiKey().equals(up.apiKey()));
      assertFalse(other.freescoutUrl().equals(up.freescoutUrl()));
      assertEquals("127.0.0.1", other.billingUrl().getHost());
      assertEquals("/api/phone.php", other.billingUrl().getPath());
    }
  }

  // ---- helpers ----

  private URI billing(String query) {
    return URI.create(up.billingUrl() + query);
  }

  private URI fs(String pathAndQuery) {
    return up.freescoutUrl().resolve(pathAndQuery);
  }

  private HttpResponse<String> get(URI uri, String key) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    if (key != null) {
      b.header("X-FreeScout-API-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> put(long id, String json) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(fs("/api/customers/" + id))
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .header("X-FreeScout-API-Key", up.apiKey())
            .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void set(Instant t) {
      now.set(t);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
