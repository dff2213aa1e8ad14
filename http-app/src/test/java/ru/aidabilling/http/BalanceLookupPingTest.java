package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.http.Bodies.json;
import static ru.aidabilling.http.SyncRouteTest.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.settings.Setting;

/** {@code /get_balance} (seed shape), {@code /api/v1/billing/accounts} and {@code /api/v1/ping}. */
class BalanceLookupPingTest {
  final TestApp t = new TestApp();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void getBalanceAnswersTheSeedsShapeAndWrites() {
    HttpResponse<String> r =
        t.post("/get_balance", "{\"customer_id\": 31, \"phone\": \"+79004445566\"}");

    assertEquals(200, r.statusCode(), r.body());
    JsonNode b = json(r);
    List<String> keys = new ArrayList<>();
    b.fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of("success", "balance", "fullname", "contract", "first_name", "last_name", "zip"),
        keys.subList(0, 7));
    assertTrue(b.path("success").asBoolean());
    assertEquals("256.52", b.path("balance").asText());
    assertTrue(b.path("balance").isTextual());
    assertEquals("Новичков Тарас Викторович", b.path("fullname").asText());
    assertEquals("0138", b.path("contract").asText());
    assertEquals("Тарас", b.path("first_name").asText());
    assertEquals("Новичков", b.path("last_name").asText());
    assertEquals("Соляной", b.path("zip").asText());
    assertEquals("updated", b.path("status").asText());
    assertEquals("Тарас", t.customers.get(CustomerId.of(31)).orElseThrow().firstName());
  }

  @Test
  void getBalanceKeepsTheBalanceWhenTheWriteFails() {
    t.customers.failWritesWith(
        new ru.aidabilling.core.domain.UpstreamException(
            ru.aidabilling.core.domain.ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 503"));

    HttpResponse<String> r =
        t.post("/get_balance", "{\"customer_id\": 31, \"phone\": \"+79004445566\"}");

    assertEquals(502, r.statusCode(), r.body());
    JsonNode b = json(r);
    assertEquals(false, b.path("success").asBoolean(true));
    assertEquals("HELPDESK_UNAVAILABLE", b.path("code").asText());
    assertEquals("256.52", b.path("balance").asText(), "the balance the message speaks of");
    assertEquals("Новичков Тарас Викторович", b.path("fullname").asText());
    assertEquals("0138", b.path("contract").asText());
    assertEquals("256.52", b.path("account").path("balance").asText());
    HttpResponse<String> missing =
        t.post("/get_balance", "{\"customer_id\": 999, \"phone\": \"+79004445566\"}");
    assertTrue(json(missing).path("balance").isMissingNode(), "no account, no balance key");
  }

  @Test
  void getBalanceTakesJsonWhateverItsTypeAsTheSeedDidAndAnswers405InTheSeedsShape() {
    // curl -d '{...}' without -H sends application/x-www-form-urlencoded; the seed read it anyway
    HttpResponse<String> form =
        t.send(
            t.authed("/get_balance")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"customer_id\": 31, \"phone\": \"+79004445566\"}")));
    assertEquals(200, form.statusCode(), form.body());
    assertTrue(json(form).path("success").asBoolean(), form.body());

    HttpResponse<String> get = t.get("/get_balance");
    assertEquals(405, get.statusCode());
    assertFalse(json(get).path("success").asBoolean(true), get.body());
    assertEquals("METHOD_NOT_ALLOWED", json(get).path("code").asText(), get.body());
    assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void getBalanceReportsTheWantedZipWhenNothingChanged() {
    t.post("/get_balance", "{\"customer_id\": 31, \"phone\": \"+79004445566\"}");

    HttpResponse<String> again =
        t.post("/get_balance", "{\"customer_id\": 31, \"phone\": \"+79004445566\"}");

    assertEquals("unchanged", json(again).path("status").asText());
    assertEquals("Соляной", json(again).path("zip").asText());
    assertEquals("Тарас", json(again).path("first_name").asText());
  }

  @Test
  void getBalanceTakesTheIdAsAStringOfDigitsAsTheSeedDid() {
    HttpResponse<String> r =
        t.post("/get_balance", "{\"customer_id\": \" 31 \", \"phone\": \"+79004445566\"}");

    assertEquals(200, r.statusCode(), r.body());
    assertTrue(json(r).path("success").asBoolean(false), r.body());
    assertEquals("0138", json(r).path("contract").asText());
  }

  @Test
  void getBalanceNotInBillingIs200WithSuccessFalse() {
    HttpResponse<String> r =
        t.post("/get_balance", "{\"customer_id\": 41, \"phone\": \"+79001234567\"}");

    assertEquals(200, r.statusCode(), r.body());
    JsonNode b = json(r);
    assertFalse(b.path("success").asBoolean(true));
    assertEquals("NOT_IN_BILLING", b.path("code").asText());
    assertEquals(
        "Клиент с телефоном +79001234567 не найден в биллинге", b.path("message").asText());
  }

  @Test
  void getBalanceBillingDownIs502InTheSeedShape() {
    t.billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "refused"));

    HttpResponse<String> r =
        t.post("/get_balance", "{\"customer_id\": 31, \"phone\": \"+79004445566\"}");

    assertEquals(502, r.statusCode(), r.body());
    assertFalse(json(r).path("success").asBoolean(true));
    assertEquals("BILLING_UNAVAILABLE", json(r).path("code").asText());
    assertFalse(json(r).path("message").asText().isBlank());
  }

  @Test
  void getBalanceFollowsV1sRuleThatThePhoneIsOnTheProfile() {
    HttpResponse<String> r =
        t.post("/get_balance", "{\"customer_id\": 31, \"phone\": \"+79005550011\"}");

    assertEquals(422, r.statusCode(), r.body());
    assertEquals("PHONE_NOT_ON_CUSTOMER", json(r).path("code").asText());
    assertTrue(t.customers.updates().isEmpty());
  }

  @ParameterizedTest(name = "[{index}] mentions {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"phone\": \"+79004445566\"}|customer_id",
        "{\"customer_id\": 31}|phone",
        "{\"customer_id\": \"31x\", \"phone\": \"+79004445566\"}|customer_id",
        "{\"customer_id\": \"-31\", \"phone\": \"+79004445566\"}|customer_id",
        "{\"customer_id\": -1, \"phone\": \"+79004445566\"}|customer_id",
        "{\"customer_id\": 31.5, \"phone\": \"+79004445566\"}|customer_id",
        "{\"customer_id\": 123456789012345678901234567890, \"phone\": \"+79004445566\"}|customer_id",
        "{\"customer_id\": 31, \"phone\": null}|phone",
        "EMPTY|пустое",
        "[1]|объект"
      })
  void getBalanceValidation(String body, String mentions) {
    HttpResponse<String> r = t.post("/get_balance", body.equals("EMPTY") ? "" : body);

    assertEquals(400, r.statusCode(), r.body());
    assertFalse(json(r).path("success").asBoolean(true));
    assertEquals("VALIDATION", json(r).path("code").asText());
    assertTrue(
        json(r).path("message").asText().contains(mentions), json(r).path("message").asText());
  }

  @Test
  void accountsLookUpByPhone() {
    HttpResponse<String> r = t.get("/api/v1/billing/accounts?phone=%2B79007778899");

    assertEquals(200, r.statusCode(), r.body());
    JsonNode b = json(r);
    assertEquals("+79007778899", b.path("phone").asText());
    assertEquals(2, b.path("accounts").size());
    assertEquals("-1250.50", b.path("accounts").get(1).path("balance").asText());
    assertEquals(0, t.customers.updates().size());
  }

  @Test
  void accountsAcceptAnyWrittenFormAndAnswerEmptyWhenUnknown() {
    HttpResponse<String> r = t.get("/api/v1/billing/accounts?phone=8%20(900)%20123-45-67");

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("+79001234567", json(r).path("phone").asText());
    assertEquals(0, json(r).path("accounts").size());
  }

  @Test
  void accountsRefuseABadOrMissingPhone() {
    assertProblem(t.get("/api/v1/billing/accounts?phone=12"), 400, "VALIDATION");
    assertProblem(t.get("/api/v1/billing/accounts"), 400, "VALIDATION");
    assertProblem(
        t.get("/api/v1/billing/accounts?phone=%2B79007778899&phone=%2B79004445566"),
        400,
        "VALIDATION");
  }

  @Test
  void accountsWithBillingDownIs502() {
    t.billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "refused"));

    assertProblem(
        t.get("/api/v1/billing/accounts?phone=%2B79004445566"), 502, "BILLING_UNAVAILABLE");
  }

  @Test
  void pingOk() {
    HttpResponse<String> r = t.get("/api/v1/ping");

    assertEquals(200, r.statusCode(), r.body());
    JsonNode b = json(r);
    assertEquals("ok", b.path("status").asText());
    assertEquals("ok", b.path("billing").asText());
    assertEquals("ok", b.path("freescout").asText());
    assertEquals(12000, b.path("requestDeadlineMs").asLong(), "AIDA_REQUEST_DEADLINE_MS's default");
    assertTrue(b.path("requestDeadlineMs").isIntegralNumber());
  }

  @Test
  void pingTellsTheConfiguredRequestDeadline() {
    try (TestApp raised = new TestApp(TestApp.base().with(Setting.REQUEST_DEADLINE_MS, "20500"))) {
      HttpResponse<String> r = raised.get("/api/v1/ping");
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(20500, json(r).path("requestDeadlineMs").asLong());
    }
  }

  @Test
  void pingNamesTheFailedUpstream() {
    t.billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "connection refused"));

    HttpResponse<String> r = t.get("/api/v1/ping");

    assertProblem(r, 502, "BILLING_UNAVAILABLE");
    assertEquals("connection refused", json(r).path("billing").asText());
    assertEquals("ok", json(r).path("freescout").asText());
  }

  @Test
  void pingDetailNamesEachUpstreamOnce() {
    t.billing.failWith(
        new UpstreamException(
            ErrorCode.BILLING_UNAVAILABLE,
            "Биллинг недоступен: не удалось соединиться с 127.0.0.1:19298. Повторите позже."));
    t.customers.failReadsWith(
        new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 503 при проверке связи"));

    HttpResponse<String> r = t.get("/api/v1/ping");

    assertProblem(r, 502, "BILLING_UNAVAILABLE");
    assertEquals(
        "Биллинг недоступен: не удалось соединиться с 127.0.0.1:19298. Повторите позже. "
            + "FreeScout: HTTP 503 при проверке связи",
        json(r).path("detail").asText());
  }

  @Test
  void pingAnswersConfigurationWhenFreeScoutRefusesTheKey() {
    t.customers.failReadsWith(
        new UpstreamException(
            ErrorCode.CONFIGURATION, "FreeScout answered 401: check AIDA_FREESCOUT_API_KEY"));

    HttpResponse<String> r = t.get("/api/v1/ping");

    assertProblem(r, 502, "CONFIGURATION");
    assertTrue(json(r).path("freescout").asText().contains("AIDA_FREESCOUT_API_KEY"));
    assertTrue(json(r).path("detail").asText().contains("FreeScout"));
  }

  @Test
  void pingNeedsTheToken() {
    assertProblem(t.send(t.request("/api/v1/ping").GET()), 401, "UNAUTHORIZED");
  }
}
