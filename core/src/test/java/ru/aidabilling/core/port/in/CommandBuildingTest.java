package ru.aidabilling.core.port.in;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.WritePolicy;

/** An embedder builds commands from the plain case, one change at a time. */
class CommandBuildingTest {
  private static final Actor ME = new Actor("my-app");

  @Test
  void eachWithChangesOneThingAndKeepsTheRest() {
    SyncCommand plain = SyncCommand.of(CustomerId.of(31), ME);
    Phone phone = new Phone("+79004445566");
    RequestId mine = RequestId.generate();
    SyncCommand built =
        plain
            .withPhone(phone)
            .withContract("  Д-1234 ")
            .withPolicy(WritePolicy.FILL_EMPTY)
            .withRequestId(mine)
            .withForcePhone()
            .withActor(new Actor("operator:alice"))
            .asDryRun();

    assertEquals(
        new SyncCommand(
            CustomerId.of(31),
            Optional.of(phone),
            Optional.of("Д-1234"),
            true,
            Optional.of(WritePolicy.FILL_EMPTY),
            new Actor("operator:alice"),
            mine,
            true,
            Optional.empty()),
        built);
    assertFalse(plain.dryRun(), "the plain command is not changed");
    assertFalse(plain.forcePhone());
    assertEquals(ME, plain.actor());
    assertEquals(Optional.empty(), plain.phone());
    assertNotEquals(plain.requestId(), built.requestId());
  }

  @Test
  void undoOfACustomerOrOfARequest() {
    Instant since = Instant.parse("2026-11-01T00:00:00Z");
    UndoCommand customer = UndoCommand.customer(CustomerId.of(31), ME).since(since).asDryRun();
    assertEquals(Optional.of(CustomerId.of(31)), customer.customer());
    assertEquals(Optional.of(since), customer.since());
    assertTrue(customer.dryRun());

    RequestId earlier = RequestId.generate();
    UndoCommand request = UndoCommand.request(earlier, ME);
    assertEquals(Optional.of(earlier), request.request());
    assertEquals(Optional.empty(), request.customer());
    assertFalse(request.dryRun());
    assertNotEquals(earlier, request.requestId(), "the undo has its own request id");

    RequestId mine = RequestId.generate();
    UndoCommand named = customer.withRequestId(mine);
    assertEquals(
        new UndoCommand(
            Optional.of(CustomerId.of(31)), Optional.of(since), Optional.empty(), true, ME, mine),
        named);
    assertNotEquals(mine, customer.requestId(), "the command it came from is not changed");
  }
}
