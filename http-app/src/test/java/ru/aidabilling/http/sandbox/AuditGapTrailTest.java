package ru.aidabilling.http.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.port.out.AuditTrail;

/** The sandbox's audit gap: one customer's records never reach the trail, the others' all do. */
class AuditGapTrailTest {
  private final InMemoryAuditTrail file = new InMemoryAuditTrail();
  private final AuditTrail trail = new AuditGapTrail(file, Set.of(41L));

  private static AuditRecord record(long customer) {
    return new AuditRecord(
        Instant.parse("2026-11-27T12:00:00Z"),
        new Actor("sandbox"),
        RequestId.generate(),
        CustomerId.of(customer),
        ProfileField.FIRST_NAME,
        "Ivan",
        "Тарас",
        "0138");
  }

  @Test
  void otherCustomersRecordsAreAppendedAndReadBack() {
    AuditRecord r = record(31);
    trail.append(List.of(r));
    trail.checkCanRecord();
    assertEquals(List.of(r), file.records().toList());
    assertEquals(List.of(r), trail.recordsOf(CustomerId.of(31)).toList());
  }

  @Test
  void theGapCustomersAppendFailsAsAFileWriteDoesAndWritesNothing() {
    trail.checkCanRecord(); // the check before the write passes, so FreeScout takes the write
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class, () -> trail.append(List.of(record(31), record(41))));
    assertTrue(e.getMessage().contains("customer 41"), e.getMessage());
    assertEquals(List.of(), file.records().toList(), "all or nothing, as the port says");
  }
}
