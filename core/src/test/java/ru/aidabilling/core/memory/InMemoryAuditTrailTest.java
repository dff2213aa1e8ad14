package ru.aidabilling.core.memory;

import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.AuditTrailContract;

/** The in-memory trail keeps the same contract as the JSON Lines file. */
class InMemoryAuditTrailTest extends AuditTrailContract {
  @Override
  protected AuditTrail emptyTrail() {
    return new InMemoryAuditTrail();
  }
}
