package ru.aidabilling.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.in.SyncOutcome;

/**
 * A failed sync's problem body is what the agent reads: the exception behind the failure, which an
 * embedder gets as {@code Failed.cause()}, never reaches it.
 */
class WireProblemTest {
  @Test
  void theCauseOfAFailureIsNotInTheProblemBody() {
    SyncOutcome.Failed failed =
        new SyncOutcome.Failed(
            ErrorCode.HELPDESK_UNAVAILABLE,
            "Баланс получен, но профиль клиента 31 не удалось сохранить в FreeScout",
            CustomerId.of(31),
            new RequestId("01J0000000000000000000000A"),
            List.of(),
            Optional.of(new BillingAccount("0138", null, null, null, Money.rub("1.00"))));
    UpstreamException cause =
        new UpstreamException(
            ErrorCode.HELPDESK_UNAVAILABLE,
            "FreeScout ответил ошибкой HTTP 500 при записи клиента 31",
            new IOException("Server returned HTTP response code: 500 for URL: http://help/x"));

    String without = Json.write(Wire.problem(failed));
    String with = Json.write(Wire.problem(failed.withCause(cause)));

    assertEquals(without, with);
    assertFalse(with.contains("HTTP 500"), with);
    assertFalse(with.contains("cause"), with);
  }

  /** Spec 11: {@code candidates} only for {@code AMBIGUOUS}; {@code account} on every problem. */
  @Test
  void candidatesComeOnlyWithAmbiguousAndTheAccountOnEveryProblem() {
    BillingAccount a = new BillingAccount("0512", null, null, null, Money.rub("10.00"));
    BillingAccount b = new BillingAccount("0513", null, null, null, Money.rub("-1250.5"));
    RequestId rid = new RequestId("01J0000000000000000000000A");

    var ambiguous =
        Wire.problem(
            new SyncOutcome.Failed(
                ErrorCode.AMBIGUOUS, "…", CustomerId.of(42), rid, List.of(a, b), Optional.empty()));
    assertEquals(List.of("0512", "0513"), contracts(ambiguous.get("candidates")));
    assertEquals(
        "-1250.50",
        ((List<?>) ambiguous.get("candidates"))
            .stream().map(c -> ((java.util.Map<?, ?>) c).get("balance")).toList().get(1));
    assertTrue(ambiguous.containsKey("account"));
    assertNull(ambiguous.get("account"));

    // a failure that somehow carried candidates still shows none: they belong to AMBIGUOUS only
    for (ErrorCode code :
        List.of(
            ErrorCode.NOT_IN_BILLING,
            ErrorCode.CONTRACT_NOT_FOUND,
            ErrorCode.HELPDESK_UNAVAILABLE)) {
      var other =
          Wire.problem(
              new SyncOutcome.Failed(
                  code, "…", CustomerId.of(42), rid, List.of(a, b), Optional.of(a)));
      assertFalse(other.containsKey("candidates"), code + ": " + other);
      assertEquals(
          "0512", ((java.util.Map<?, ?>) other.get("account")).get("contract"), code.name());
    }
  }

  private static List<?> contracts(Object candidates) {
    return ((List<?>) candidates)
        .stream().map(c -> ((java.util.Map<?, ?>) c).get("contract")).toList();
  }
}
