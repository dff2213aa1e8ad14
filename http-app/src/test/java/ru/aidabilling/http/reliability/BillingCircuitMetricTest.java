package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.http.reliability.RawBilling.Mode;

/**
 * {@code aida_billing_circuit_state} on {@code /metrics} shows the real billing adapter's breaker
 * with the values the documentation gives (0 closed, 1 open), read over a socket.
 */
class BillingCircuitMetricTest {
  EndToEnd e2e;

  @AfterEach
  void close() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  void theMetricIsZeroWhileBillingAnswersAndOneOnceTheBreakerOpened() {
    e2e = new EndToEnd();
    assertEquals("0.0", circuitState());

    // the default breaker: at least half of the lookups failed, counted from the 5th
    e2e.billing.mode(Mode.STATUS_500);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = e2e.get("/api/v1/billing/accounts?phone=%2B79004445566");
      assertEquals(502, r.statusCode(), r.body());
    }
    int asked = e2e.billing.requests();
    HttpResponse<String> fast = e2e.get("/api/v1/billing/accounts?phone=%2B79004445566");
    assertEquals(502, fast.statusCode(), fast.body());
    assertEquals(asked, e2e.billing.requests(), "an open breaker does not ask billing");

    assertEquals("1.0", circuitState());
  }

  /** The gauge's value from a scrape of {@code /metrics}. */
  private String circuitState() {
    HttpResponse<String> r = e2e.publicGet("/metrics");
    assertEquals(200, r.statusCode());
    for (String line : r.body().split("\n")) {
      if (line.startsWith("aida_billing_circuit_state ")) {
        return line.substring("aida_billing_circuit_state ".length()).strip();
      }
    }
    throw new AssertionError("no aida_billing_circuit_state in " + r.body());
  }
}
