package ru.aidabilling.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;

class ReadinessEndpointTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-15T09:30:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void aCheckSlowerThanTheTtlStillServesTheCallersRightAfterIt() {
    ManualClock clock = new ManualClock();
    AtomicInteger checks = new AtomicInteger();
    UpstreamHealthUseCase slow =
        () -> {
          checks.incrementAndGet();
          clock.now = clock.now.plusSeconds(6); // the upstreams took 6 s to answer
          Map<String, String> ok = new HashMap<>();
          ok.put("billing", null);
          ok.put("freescout", null);
          return ok;
        };
    ReadinessEndpoint readyz = new ReadinessEndpoint(slow, Duration.ofSeconds(5), clock);

    assertEquals(200, readyz.handle().status());
    assertEquals(200, readyz.handle().status());
    assertEquals(1, checks.get(), "the second caller gets the check that just ended");

    clock.now = clock.now.plusSeconds(5);
    readyz.handle();
    assertEquals(2, checks.get(), "after the ttl, a new check");
  }
}
