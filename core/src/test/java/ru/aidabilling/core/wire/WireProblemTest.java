package ru.aidabilling.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
