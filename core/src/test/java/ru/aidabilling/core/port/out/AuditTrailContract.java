package ru.aidabilling.core.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.RequestId;

/**
 * The behaviour every {@link AuditTrail} shares: what goes in comes back, whole and in order.
 * Subclass it once per implementation; it ships in core's test-jar.
 */
public abstract class AuditTrailContract {
  /** A new, empty trail. */
  protected abstract AuditTrail emptyTrail();

  protected static AuditRecord record(long customer, ProfileField field, String old, String nu) {
    return new AuditRecord(
        Instant.parse("2026-01-15T09:30:00Z").plusSeconds(customer),
        Actor.operator("alice"),
        new RequestId("REQ" + customer),
        CustomerId.of(customer),
        field,
        old,
        nu,
        customer % 2 == 0 ? null : "0138");
  }

  private static List<AuditRecord> all(AuditTrail trail) {
    try (Stream<AuditRecord> s = trail.records()) {
      return s.toList();
    }
  }

  @Test
  void aNewTrailHasNoRecords() {
    assertEquals(List.of(), all(emptyTrail()));
  }

  @Test
  void recordsComeBackWholeAndOldestFirst() {
    AuditTrail trail = emptyTrail();
    List<AuditRecord> first =
        List.of(
            record(1, ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            record(1, ProfileField.LAST_NAME, "Ivanov", null));
    List<AuditRecord> second = List.of(record(2, ProfileField.ZIP, null, "Соляной"));

    trail.append(first);
    trail.append(second);

    assertEquals(List.of(first.get(0), first.get(1), second.get(0)), all(trail));
  }

  @Test
  void anEmptyBatchAddsNothing() {
    AuditTrail trail = emptyTrail();
    trail.append(List.of(record(1, ProfileField.ZIP, null, "A")));

    trail.append(List.of());

    assertEquals(1, all(trail).size());
  }

  @Test
  void readingTwiceGivesTheSameRecords() {
    AuditTrail trail = emptyTrail();
    trail.append(List.of(record(3, ProfileField.CITY, "Old", "New")));

    assertEquals(all(trail), all(trail));
  }
}
