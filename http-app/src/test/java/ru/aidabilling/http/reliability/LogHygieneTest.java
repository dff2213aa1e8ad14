package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other http-app test class ({@link ClassOrderer.OrderAnnotation} is the default
 * orderer in {@code junit-platform.properties}) and fails when any log line the service wrote
 * during the whole run leaks a secret, a phone or a name. Also proves the check itself catches each
 * kind.
 */
@Order(Integer.MAX_VALUE)
class LogHygieneTest {
  @Test
  void noLogLineOfTheWholeTestRunLeaksASecretAPhoneOrAName() {
    LogHygiene.install();
    assertTrue(LogHygiene.recordCount() > 0, "the service's log records were captured");
    List<String> bad = LogHygiene.violations();
    assertEquals(List.of(), bad, "see target/service-log.txt");
  }

  @Test
  void theCheckCatchesEachKindOfLeak() {
    for (String leak :
        List.of(
            "INFO x: token " + EndToEnd.TOKEN,
            "INFO x: key=" + StubFreeScout.API_KEY,
            "INFO x: secret " + EndToEnd.WEBHOOK_SECRET,
            "INFO x: Authorization: Bearer abcdef123456",
            "INFO x: lookup +79004445566 failed",
            "INFO x: lookup 79004445566 failed",
            "INFO x: lookup 89004445566 failed",
            "INFO x: lookup +7 (900) 444-55-66 failed",
            "INFO x: customer Новичков Тарас Викторович",
            "INFO x: customer Тарас Новичков",
            "INFO x: customer Новичков\u00A0Тарас",
            "INFO x: customer Тарас Викторович",
            "INFO x: customer Тарас\u2009Новичков",
            "INFO x: customer НОВИЧКОВ\u202FТАРАС",
            "INFO x: customer новичков тарас викторович",
            "INFO x: customer петров\tиван",
            "INFO x: lookup 8\u00A0900\u00A0444\u00A055\u00A066 failed",
            "INFO x: lookup 8\u2009900\u2009444\u201155\u201366 failed",
            "INFO x: body {\"fullname\":\"Иванов Иван\"}",
            "INFO x: GET /api/customers/31?api_key=abc",
            "INFO x: key sandbox-0123456789abcdef0123")) {
      assertTrue(LogHygiene.check(leak).isPresent(), leak);
    }
    for (String fine :
        List.of(
            "INFO x: lookup +7900*****66 failed",
            "INFO x: customer Н***",
            "INFO x: 01JD5Z79004445566ABCDEFGHJ POST /api/v1/customers/{id}/sync 200 12ms",
            "INFO x: took 1700000000000 ms",
            "INFO x: actor=api-token:1a2b")) {
      assertEquals(Optional.empty(), LogHygiene.check(fine), fine);
    }
  }
}
