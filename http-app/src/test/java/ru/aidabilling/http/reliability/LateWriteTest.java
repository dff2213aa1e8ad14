package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.settings.Setting;

/**
 * A sync's write to FreeScout must be over 1 s before its deadline (time for the audit record and
 * the answer), starts only while at least 3 s more is left, and has its time-outs cut to fit.
 * Otherwise an agent could be told "too late, retry" while the write still landed a moment later,
 * and the retry would then find nothing to change and never say the profile was updated.
 */
class LateWriteTest {

  @Test
  void aSyncThatCouldNotWriteInTimeWritesNothingAndSaysSoBeforeTheDeadline() throws Exception {
    // deadline 6 s: the write must be over by 5 s and may start up to 2 s into the request
    try (EndToEnd e2e =
        new EndToEnd(
            s ->
                s.with(Setting.REQUEST_DEADLINE_MS, "6000")
                    .with(Setting.FREESCOUT_TIMEOUT_MS, "500")
                    .with(Setting.BILLING_TIMEOUT_MS, "5000"))) {
      e2e.billing.delay(2500);
      long start = System.nanoTime();
      HttpResponse<String> late = e2e.sync31();
      long tookMs = (System.nanoTime() - start) / 1_000_000;

      assertEquals(504, late.statusCode(), late.body());
      JsonNode problem = EndToEnd.json(late);
      assertEquals("DEADLINE_EXCEEDED", problem.path("code").asText(), late.body());
      assertTrue(problem.path("detail").asText().contains("ничего не изменено"), late.body());
      assertEquals("256.52", problem.path("account").path("balance").asText(), late.body());
      assertTrue(
          tookMs < 5500, "answered when the write was refused, not at the deadline: " + tookMs);
      Thread.sleep(6500 - tookMs); // past the deadline: nothing arrives later either
      assertTrue(e2e.freescout.puts().isEmpty(), "no PUT: " + e2e.freescout.puts());
      assertTrue(
          !Files.exists(e2e.auditFile) || Files.size(e2e.auditFile) == 0, "nothing recorded");

      e2e.billing.delay(100);
      HttpResponse<String> inTime = e2e.sync31();
      assertEquals(200, inTime.statusCode(), inTime.body());
      assertEquals("updated", EndToEnd.json(inTime).path("status").asText(), inTime.body());
      assertEquals(1, e2e.freescout.puts().size());
    }
  }

  @Test
  void aSlowBillingStillLeavesTheWriteItsTimeWithinTheDeadline() throws Exception {
    // billing answers after 6 s of the 12 s deadline; FreeScout's answer time-out is 5 s: the
    // write gets the time left (it used to be refused past 12 - (0.5 + 5 + 1) = 5.5 s)
    try (EndToEnd e2e = new EndToEnd(s -> s.with(Setting.BILLING_TIMEOUT_MS, "8000"))) {
      e2e.billing.delay(6000);
      HttpResponse<String> r = e2e.sync31();
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("updated", EndToEnd.json(r).path("status").asText(), r.body());
      assertEquals(1, e2e.freescout.puts().size());
    }
  }
}
