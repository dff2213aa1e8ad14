package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.http.Bodies.json;
import static ru.aidabilling.http.SyncRouteTest.assertProblem;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.BillingDirectory;
import ru.aidabilling.core.settings.Setting;

/** Health, readiness, metrics, logging hygiene and the catch-all, over sockets. */
class OperationsTest {
  TestApp t = new TestApp(TestApp.base().with(Setting.FREESCOUT_WEBHOOK_SECRET, "hush-secret-42"));

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void healthzNeedsNoToken() {
    HttpResponse<String> r = t.send(t.request("/healthz").GET());

    assertEquals(200, r.statusCode());
    assertEquals("alive", json(r).path("status").asText());
  }

  @Test
  void readyzReportsBothUpstreamsAndCachesTheResult() {
    HttpResponse<String> ok = t.send(t.request("/readyz").GET());
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("ready", json(ok).path("status").asText());
    assertEquals("ok", json(ok).path("billing").asText());
    assertEquals("ok", json(ok).path("freescout").asText());

    t.billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "refused"));
    HttpResponse<String> cached = t.send(t.request("/readyz").GET());
    assertEquals(200, cached.statusCode(), "within a few seconds the last check is reused");
    assertEquals(json(ok).path("checkedAt"), json(cached).path("checkedAt"));
  }

  @Test
  void readyzIs503WhenAnUpstreamIsDown() {
    t.customers.failReadsWith(new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 502"));

    HttpResponse<String> r = t.send(t.request("/readyz").GET());

    assertEquals(503, r.statusCode(), r.body());
    assertEquals("not-ready", json(r).path("status").asText());
    assertEquals("ok", json(r).path("billing").asText());
    assertTrue(json(r).path("freescout").asText().startsWith("HELPDESK_UNAVAILABLE"));
  }

  @Test
  void metricsShowRequestsUpstreamCallsAndThePool() {
    t.post("/api/v1/customers/31/sync", "{}");
    t.post("/api/v1/customers/999/sync", "{}");
    t.send(t.request("/api/v1/ping").GET());

    HttpResponse<String> r = t.send(t.request("/metrics").GET());

    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String m = r.body();
    assertTrue(
        m.contains(
            "aida_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/customers/{id}/sync\",status=\"200\"} 1"),
        m);
    assertTrue(
        m.contains(
            "aida_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/customers/{id}/sync\",status=\"404\"} 1"));
    assertTrue(
        m.contains(
            "aida_http_requests_seconds_count{method=\"GET\",route=\"/api/v1/ping\",status=\"401\"} 1"));
    assertTrue(m.contains("aida_http_requests_seconds_bucket{"), "latency histogram");
    assertTrue(
        m.contains(
            "aida_upstream_calls_seconds_count{operation=\"lookup\",outcome=\"ok\",upstream=\"billing\"} 1"));
    assertTrue(
        m.contains(
            "aida_upstream_calls_seconds_count{operation=\"update\",outcome=\"ok\",upstream=\"freescout\"} 1"));
    assertTrue(m.contains("aida_pool_active "));
    assertTrue(m.contains("aida_pool_queued "));
    assertTrue(m.contains("aida_pool_size 64"));
  }

  @Test
  void upstreamFailuresAreCountedByCode() {
    t.billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "refused"));
    t.post("/api/v1/customers/31/sync", "{}");

    String m = t.send(t.request("/metrics").GET()).body();

    assertTrue(
        m.contains(
            "aida_upstream_failures_total{code=\"BILLING_UNAVAILABLE\",operation=\"lookup\",upstream=\"billing\"} 1"),
        m);
  }

  @Test
  void logsHoldNoTokenNoSecretAndOnlyMaskedPhonesAndNames() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Logger root = Logger.getLogger("ru.aidabilling.http");
    SimpleFormatter formatter = new SimpleFormatter();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(formatter.format(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    try {
      t.post("/api/v1/customers/31/sync", "{\"phone\": \"+79004445566\"}");
      t.post("/get_balance", "{\"customer_id\": 41, \"phone\": \"+79001234567\"}");
      t.get("/api/v1/billing/accounts?phone=%2B79004445566");
      t.send(
          t.authed("/api/v1/ping")
              .header("X-Aida-Actor", "operator:+79004445566 Новичков".replace("Новичков", "N"))
              .GET());
      t.send(
          t.request("/api/v1/ping").header("Authorization", "Bearer " + TestApp.TOKEN + "x").GET());
      t.send(
          t.request("/api/v1/freescout/webhook")
              .header("X-FreeScout-Event", "customer.created")
              .header(
                  "X-FreeScout-Signature", WebhookRouteTest.sign("{\"id\":31}", "hush-secret-42"))
              .POST(HttpRequest.BodyPublishers.ofString("{\"id\":31}")));
      // the access line is written when the exchange completes, just after the client has it
      GatedBilling.await(
          "six access lines",
          () -> lines.stream().filter(l -> l.contains("ms actor=")).count() == 6);
    } finally {
      root.removeHandler(capture);
    }

    String all = String.join("", lines);
    assertTrue(all.contains("POST /api/v1/customers/{id}/sync 200"), all);
    assertTrue(all.contains("GET /api/v1/billing/accounts 200"), all);
    assertTrue(all.contains("actor=operator:+7900*****66"), all);
    assertFalse(all.contains(TestApp.TOKEN), all);
    assertFalse(all.contains("hush-secret-42"), all);
    assertFalse(all.contains("79004445566"), all);
    assertFalse(all.contains("79001234567"), all);
    assertFalse(all.contains("Новичков"), all);
    assertEquals(6, lines.stream().filter(l -> l.contains("ms actor=")).count(), all);
    assertTrue(
        all.contains(
            "sync customer=31 actor=api-token:93b0 status=updated"
                + " fields=[firstName, lastName, company, zip] phone=+7900*****66 contract=0138"
                + " holder=Н***"),
        all);
    assertTrue(all.contains("sync customer=41 actor=api-token:93b0 code=NOT_IN_BILLING"), all);
    assertFalse(all.contains("Тарас"), "changed values are never logged");
  }

  @Test
  void anUnexpectedFailureIs500WithoutAnyInternals() {
    BillingDirectory broken =
        new BillingDirectory() {
          @Override
          public List<BillingAccount> findByPhone(Phone phone) {
            throw new IllegalStateException("boom at " + phone.e164() + " password=hunter2");
          }

          @Override
          public void ping() {}
        };
    t.close();
    t = new TestApp(TestApp.base(), new HttpApp.Upstreams(broken, t.customers, t.audit));

    HttpResponse<String> r = t.get("/api/v1/billing/accounts?phone=%2B79004445566");

    assertProblem(r, 500, "INTERNAL");
    assertFalse(r.body().contains("boom"));
    assertFalse(r.body().contains("hunter2"));
    assertFalse(r.body().contains("IllegalStateException"));
    assertFalse(r.body().contains("at ru."));
    assertTrue(json(r).path("detail").asText().contains(json(r).path("requestId").asText()));
  }
}
