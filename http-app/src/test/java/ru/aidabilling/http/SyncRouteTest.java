package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.http.Bodies.code;
import static ru.aidabilling.http.Bodies.contentType;
import static ru.aidabilling.http.Bodies.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.testing.DiskFullAuditTrail;

/**
 * Every outcome of {@code POST /api/v1/customers/{id}/sync} over a real socket, with its status.
 */
class SyncRouteTest {
  final TestApp t = new TestApp();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void updatedThenUnchanged() {
    HttpResponse<String> r = t.post("/api/v1/customers/31/sync", "{}");

    assertEquals(200, r.statusCode(), r.body());
    assertTrue(contentType(r).startsWith("application/json"));
    JsonNode b = json(r);
    assertEquals("updated", b.path("status").asText());
    assertEquals(31, b.path("customerId").asLong());
    assertEquals("+79004445566", b.path("phone").asText());
    assertEquals("0138", b.path("account").path("contract").asText());
    assertEquals("256.52", b.path("account").path("balance").asText());
    assertEquals("RUB", b.path("account").path("currency").asText());
    assertEquals("Тарас", b.path("name").path("first").asText());
    List<String> fields = new ArrayList<>();
    b.path("changes").forEach(c -> fields.add(c.path("field").asText()));
    assertEquals(List.of("firstName", "lastName", "company", "zip"), fields);
    assertEquals("Соляной", b.path("changes").get(3).path("new").asText());
    assertEquals("Соляной", b.path("address").path("settlement").asText());
    assertEquals("Ivan", b.path("changes").get(0).path("old").asText());
    assertEquals(
        r.headers().firstValue("X-Request-Id").orElseThrow(), b.path("requestId").asText());
    assertEquals("Тарас", t.customers.get(CustomerId.of(31)).orElseThrow().firstName());

    HttpResponse<String> again = t.post("/api/v1/customers/31/sync", "{}");
    assertEquals(200, again.statusCode());
    assertEquals("unchanged", json(again).path("status").asText());
    assertEquals(0, json(again).path("changes").size());
    assertEquals(1, t.customers.updates().size());
  }

  @Test
  void dryRunChangesNothing() {
    HttpResponse<String> r =
        t.post("/api/v1/customers/31/sync", "{\"dryRun\": true, \"phone\": \"8 900 444 55 66\"}");

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("dry-run", json(r).path("status").asText());
    assertTrue(json(r).path("changes").size() >= 3);
    assertTrue(t.customers.updates().isEmpty());
    assertEquals(0, t.audit.records().count());
  }

  @Test
  void anEmptyBodyMeansNoOptions() {
    HttpResponse<String> r =
        t.send(
            t.authed("/api/v1/customers/31/sync")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void auditRecordsTheActorHeaderAndRequestId() {
    HttpResponse<String> r =
        t.send(
            t.authed("/api/v1/customers/31/sync")
                .header("X-Aida-Actor", "freescout-user:5 agent@example.com")
                .header("X-Request-Id", "req-abc-123")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("req-abc-123", r.headers().firstValue("X-Request-Id").orElseThrow());
    assertEquals("req-abc-123", json(r).path("requestId").asText());
    List<AuditRecord> records = t.audit.records().toList();
    assertFalse(records.isEmpty());
    for (AuditRecord a : records) {
      assertEquals("freescout-user:5 agent@example.com", a.actor().value());
      assertEquals("req-abc-123", a.requestId().value());
    }
  }

  @Test
  void withoutActorHeaderTheActorNamesTheTokenByItsDigest() {
    t.post("/api/v1/customers/31/sync", "{}");

    String actor = t.audit.records().findFirst().orElseThrow().actor().value();
    assertTrue(actor.matches("api-token:[0-9a-f]{4}"), actor);
    assertFalse(actor.contains(TestApp.TOKEN.substring(0, 4)));
  }

  @Test
  void theMappingAndWritePolicySettingsReachTheSync() {
    // AIDA_MAPPING=full puts the settlement into city and the street line into address (no zip
    // without a postcode); AIDA_WRITE_POLICY=fill-empty leaves the filled firstName alone
    try (TestApp full =
        new TestApp(
            TestApp.base()
                .with(Setting.MAPPING, "full")
                .with(Setting.WRITE_POLICY, "fill-empty"))) {
      HttpResponse<String> r = full.post("/api/v1/customers/31/sync", "{}");

      assertEquals(200, r.statusCode(), r.body());
      List<String> fields = new ArrayList<>();
      json(r).path("changes").forEach(c -> fields.add(c.path("field").asText()));
      assertEquals(List.of("lastName", "company", "city", "address"), fields);
      CustomerProfile stored = full.customers.get(CustomerId.of(31)).orElseThrow();
      assertEquals("Ivan", stored.firstName());
      assertEquals("Соляной", stored.city());
      assertEquals(null, stored.zip());
    }
  }

  @Test
  void customerNotFound() {
    HttpResponse<String> r = t.post("/api/v1/customers/999/sync", "{}");

    assertProblem(r, 404, "CUSTOMER_NOT_FOUND");
  }

  @Test
  void noPhone() {
    assertProblem(t.post("/api/v1/customers/40/sync", "{}"), 422, "NO_PHONE");
  }

  @Test
  void phoneNotOnCustomer() {
    assertProblem(
        t.post("/api/v1/customers/31/sync", "{\"phone\": \"+79001112233\"}"),
        422,
        "PHONE_NOT_ON_CUSTOMER");
  }

  @Test
  void notInBillingKeepsTheSeedMessage() {
    HttpResponse<String> r = t.post("/api/v1/customers/41/sync", "{}");

    assertProblem(r, 404, "NOT_IN_BILLING");
    assertEquals(
        "Клиент с телефоном +79001234567 не найден в биллинге", json(r).path("detail").asText());
  }

  @Test
  void ambiguousListsTheCandidates() {
    HttpResponse<String> r = t.post("/api/v1/customers/42/sync", "{}");

    assertProblem(r, 409, "AMBIGUOUS");
    JsonNode c = json(r).path("candidates");
    assertEquals(2, c.size());
    assertEquals("0512", c.get(0).path("contract").asText());
    assertEquals("-1250.50", c.get(1).path("balance").asText());
  }

  @Test
  void aContractPicksOneOfSeveral() {
    HttpResponse<String> r = t.post("/api/v1/customers/42/sync", "{\"contract\": \"0513\"}");

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("0513", json(r).path("account").path("contract").asText());
  }

  @Test
  void contractNotFound() {
    assertProblem(
        t.post("/api/v1/customers/42/sync", "{\"contract\": \"9999\"}"), 404, "CONTRACT_NOT_FOUND");
  }

  @Test
  void billingUnavailable() {
    t.billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "connection refused"));

    assertProblem(t.post("/api/v1/customers/31/sync", "{}"), 502, "BILLING_UNAVAILABLE");
  }

  @Test
  void helpdeskUnavailableOnTheWriteStillCarriesTheAccount() {
    t.customers.failWritesWith(new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 503"));

    HttpResponse<String> r = t.post("/api/v1/customers/31/sync", "{}");

    assertProblem(r, 502, "HELPDESK_UNAVAILABLE");
    assertEquals("256.52", json(r).path("account").path("balance").asText());
  }

  /**
   * FreeScout took the write, the audit log refused its records: the answer is INTERNAL (the agent
   * must tell the administrator), yet billing answered, so the balance the agent asked for is
   * there, in the v1 problem and in the seed's shape alike.
   */
  @Test
  void anUpdateTheAuditLogCouldNotRecordIsInternalAndStillCarriesTheAccount() {
    InMemoryBillingDirectory billing = new InMemoryBillingDirectory();
    billing.put(TestApp.SEED_PHONE, TestApp.SEED_ACCOUNT);
    InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
    customers.put(TestApp.profile(31, "Ivan", null, List.of("+7 (900) 444-55-66")));
    AuditTrail full = new DiskFullAuditTrail("No space left on device", Stream::empty);
    try (TestApp broken =
        new TestApp(TestApp.base(), new HttpApp.Upstreams(billing, customers, full))) {
      HttpResponse<String> r = broken.post("/api/v1/customers/31/sync", "{}");

      assertProblem(r, 500, "INTERNAL");
      JsonNode b = json(r);
      assertTrue(b.path("detail").asText().contains("обновлён"), r.body());
      assertFalse(r.body().contains("No space"), "the cause is not the agent's: " + r.body());
      assertEquals("0138", b.path("account").path("contract").asText(), r.body());
      assertEquals("256.52", b.path("account").path("balance").asText());
      assertEquals("RUB", b.path("account").path("currency").asText());
      assertEquals("Тарас", customers.get(CustomerId.of(31)).orElseThrow().firstName());

      customers.put(TestApp.profile(31, "Ivan", null, List.of("+7 (900) 444-55-66")));
      HttpResponse<String> seed =
          broken.post("/get_balance", "{\"customer_id\": 31, \"phone\": \"+79004445566\"}");
      assertEquals(500, seed.statusCode(), seed.body());
      JsonNode s = json(seed);
      assertFalse(s.path("success").asBoolean(true));
      assertEquals("INTERNAL", s.path("code").asText());
      assertEquals("256.52", s.path("balance").asText(), seed.body());
      assertEquals("0138", s.path("contract").asText());
      assertEquals("256.52", s.path("account").path("balance").asText());
    }
  }

  @Test
  void aRefusedFreeScoutKeyIsAConfigurationProblem() {
    t.customers.failReadsWith(
        new UpstreamException(ErrorCode.CONFIGURATION, "FreeScout refused AIDA_FREESCOUT_API_KEY"));

    HttpResponse<String> r = t.post("/api/v1/customers/31/sync", "{}");

    assertProblem(r, 502, "CONFIGURATION");
    assertTrue(json(r).path("detail").asText().contains("AIDA_FREESCOUT_API_KEY"));
  }

  static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
    JsonNode b = json(r);
    assertEquals(code, b.path("code").asText(), r.body());
    assertEquals(status, b.path("status").asInt());
    assertEquals(
        "tag:aida-billing,2026:problem:" + code.toLowerCase().replace('_', '-'),
        b.path("type").asText());
    assertFalse(b.path("detail").asText().isBlank());
    assertEquals(
        r.headers().firstValue("X-Request-Id").orElseThrow(), b.path("requestId").asText());
    // spec 11's shape for every problem, whoever made it: "account" is always there
    assertTrue(b.has("account"), "no account member: " + r.body());
    assertEquals(code, code(r));
  }
}
