package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.http.Bodies.json;
import static ru.aidabilling.http.SyncRouteTest.assertProblem;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.settings.Setting;

/** {@code POST /api/v1/freescout/webhook}: signature, events, and redelivery after a failure. */
class WebhookRouteTest {
  static final String SECRET = "webhook-secret-ü";
  // PHP's json_encode escapes "/" — the signature covers these raw bytes, not a re-serialisation
  static final String CREATED_31 =
      "{\"id\":31,\"firstName\":\"Ivan\",\"photoUrl\":\"https:\\/\\/x\\/a.png\","
          + "\"_embedded\":{\"phones\":[{\"id\":0,\"value\":\"+79004445566\",\"type\":\"mobile\"}]}}";

  TestApp t = new TestApp(TestApp.base().with(Setting.FREESCOUT_WEBHOOK_SECRET, SECRET));

  @AfterEach
  void close() {
    t.close();
  }

  HttpResponse<String> deliver(String body, String event, String signature) {
    HttpRequest.Builder b =
        t.request("/api/v1/freescout/webhook")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (event != null) {
      b.header("X-FreeScout-Event", event);
    }
    if (signature != null) {
      b.header("X-FreeScout-Signature", signature);
    }
    return t.send(b);
  }

  /** Independent of the code under test: javax.crypto straight. */
  static String sign(String body, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSignedCustomerCreatedSyncsTheCustomer() throws Exception {
    HttpResponse<String> r = deliver(CREATED_31, "customer.created", sign(CREATED_31, SECRET));

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("updated", json(r).path("status").asText());
    assertEquals(1, t.customers.updates().size());
    assertEquals("webhook", t.audit.records().findFirst().orElseThrow().actor().value());
  }

  @Test
  void theBearerTokenIsNeitherNeededNorEnough() throws Exception {
    HttpResponse<String> r =
        t.send(
            t.authed("/api/v1/freescout/webhook")
                .header("X-FreeScout-Event", "customer.created")
                .POST(HttpRequest.BodyPublishers.ofString(CREATED_31)));

    assertProblem(r, 403, "SIGNATURE_INVALID");
    assertTrue(t.customers.updates().isEmpty());
  }

  @Test
  void aWrongSignatureIs403AndNothingHappens() throws Exception {
    assertProblem(
        deliver(CREATED_31, "customer.created", sign(CREATED_31, "other")),
        403,
        "SIGNATURE_INVALID");
    assertProblem(
        deliver(CREATED_31 + " ", "customer.created", sign(CREATED_31, SECRET)),
        403,
        "SIGNATURE_INVALID");
    assertProblem(deliver(CREATED_31, "customer.created", "%%%"), 403, "SIGNATURE_INVALID");
    assertEquals(0, t.billing.lookups());
    assertTrue(t.customers.updates().isEmpty());
  }

  @Test
  void aMissingSignatureIs403() {
    HttpResponse<String> r = deliver(CREATED_31, "customer.created", null);

    assertProblem(r, 403, "SIGNATURE_INVALID");
    assertTrue(json(r).path("detail").asText().contains("X-FreeScout-Signature"));
  }

  @Test
  void withoutASecretWebhooksAreRefusedWith503() throws Exception {
    t.close();
    t = new TestApp();

    HttpResponse<String> r = deliver(CREATED_31, "customer.created", sign(CREATED_31, SECRET));

    assertProblem(r, 503, "NOT_CONFIGURED");
    assertEquals(0, t.billing.lookups());
  }

  @Test
  void otherEventsAreAcknowledgedAndIgnored() throws Exception {
    HttpResponse<String> r = deliver(CREATED_31, "customer.updated", sign(CREATED_31, SECRET));

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("ignored", json(r).path("status").asText());
    assertEquals(0, t.billing.lookups());
  }

  @Test
  void theAnswerNamesTheOutcomeButCarriesNoneOfBillingsData() throws Exception {
    // anyone who once saw a signed body can replay it: the answer must not turn it into a lookup
    HttpResponse<String> r = deliver(CREATED_31, "customer.created", sign(CREATED_31, SECRET));

    assertEquals(200, r.statusCode(), r.body());
    var body = json(r);
    assertEquals("updated", body.path("status").asText());
    assertEquals(31, body.path("customerId").asInt());
    assertTrue(body.path("fields").toString().contains("lastName"), r.body());
    for (String leak : List.of("Новичков", "Тарас", "0138", "256.52", "Соляной", "+79004445566")) {
      assertFalse(r.body().contains(leak), leak + " in " + r.body());
    }
  }

  @Test
  void aPassingFailureAnswersWithoutTheAccount() throws Exception {
    t.customers.failWritesWith(
        new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "FreeScout answered 500"));

    HttpResponse<String> r = deliver(CREATED_31, "customer.created", sign(CREATED_31, SECRET));

    assertEquals(503, r.statusCode(), r.body());
    assertEquals("HELPDESK_UNAVAILABLE", json(r).path("code").asText());
    assertEquals(31, json(r).path("customerId").asInt());
    assertFalse(r.body().contains("256.52"), r.body());
    assertFalse(r.body().contains("Новичков"), r.body());
  }

  @Test
  void aSkippedAnswerMasksThePhone() throws Exception {
    String body = "{\"id\":41}";

    HttpResponse<String> r = deliver(body, "customer.created", sign(body, SECRET));

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("NOT_IN_BILLING", json(r).path("code").asText());
    assertTrue(json(r).path("detail").asText().contains("+7900*****67"), r.body());
    assertFalse(r.body().contains("+79001234567"), r.body());
  }

  @Test
  void aSyncThatCanNeverSucceedIs200SoFreeScoutStops() throws Exception {
    String body = "{\"id\":40}";

    HttpResponse<String> r = deliver(body, "customer.created", sign(body, SECRET));

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("skipped", json(r).path("status").asText());
    assertEquals("NO_PHONE", json(r).path("code").asText());
  }

  @Test
  void aPassingFailureIs503ThenTheRedeliverySucceedsOnce() throws Exception {
    t.billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "connection refused"));
    String signature = sign(CREATED_31, SECRET);

    HttpResponse<String> first = deliver(CREATED_31, "customer.created", signature);

    assertEquals(503, first.statusCode(), first.body());
    assertEquals("BILLING_UNAVAILABLE", json(first).path("code").asText());
    assertEquals(503, json(first).path("status").asInt());
    assertTrue(t.customers.updates().isEmpty());

    t.billing.failWith(null);
    HttpResponse<String> second = deliver(CREATED_31, "customer.created", signature);
    HttpResponse<String> third = deliver(CREATED_31, "customer.created", signature);

    assertEquals(200, second.statusCode(), second.body());
    assertEquals("updated", json(second).path("status").asText());
    assertEquals(200, third.statusCode());
    assertEquals("unchanged", json(third).path("status").asText());
    assertEquals(1, t.customers.updates().size());
    assertEquals("Тарас", t.customers.get(CustomerId.of(31)).orElseThrow().firstName());
  }

  @Test
  void aSignedBodyWithoutAnIdIsSkippedSoThatFreeScoutStopsRedelivering() throws Exception {
    String body = "{\"firstName\":\"x\"}";

    var answer = deliver(body, "customer.created", sign(body, SECRET));

    assertEquals(200, answer.statusCode(), "FreeScout redelivers 4xx answers too");
    assertEquals("skipped", json(answer).path("status").asText());
    assertEquals("VALIDATION", json(answer).path("code").asText());
    assertEquals("Не указано поле id", json(answer).path("detail").asText());
    assertTrue(t.customers.updates().isEmpty());
  }
}
