package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;

/**
 * {@code failures()} keeps each upstream's code, so ping can answer CONFIGURATION for a bad key.
 */
class UpstreamHealthFailuresTest {
  final InMemoryBillingDirectory billing = new InMemoryBillingDirectory();
  final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();

  @Test
  void failuresKeepTheUpstreamsCode() {
    customers.failReadsWith(
        new UpstreamException(ErrorCode.CONFIGURATION, "FreeScout refused AIDA_FREESCOUT_API_KEY"));

    Map<String, Optional<UpstreamException>> f =
        new UpstreamHealthService(billing, customers).failures();

    assertEquals(List.of("billing", "freescout"), List.copyOf(f.keySet()));
    assertTrue(f.get("billing").isEmpty());
    assertEquals(ErrorCode.CONFIGURATION, f.get("freescout").orElseThrow().code());
  }

  @Test
  void theDefaultWrapsCheckMessagesAsUnreachable() {
    UpstreamHealthUseCase onlyCheck =
        () -> {
          Map<String, String> m = new java.util.LinkedHashMap<>();
          m.put("billing", "down");
          m.put("freescout", null);
          return m;
        };

    Map<String, Optional<UpstreamException>> f = onlyCheck.failures();

    assertEquals(ErrorCode.SERVICE_UNREACHABLE, f.get("billing").orElseThrow().code());
    assertEquals("down", f.get("billing").orElseThrow().getMessage());
    assertTrue(f.get("freescout").isEmpty());
  }
}
