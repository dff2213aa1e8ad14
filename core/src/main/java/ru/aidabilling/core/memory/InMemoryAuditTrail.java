package ru.aidabilling.core.memory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.port.out.AuditTrail;

/** An audit trail in memory, for tests and embedding. Thread-safe. */
public final class InMemoryAuditTrail implements AuditTrail {
  private final List<AuditRecord> records = new CopyOnWriteArrayList<>();

  @Override
  public void append(List<AuditRecord> batch) {
    records.addAll(batch);
  }

  @Override
  public Stream<AuditRecord> records() {
    return List.copyOf(records).stream();
  }
}
