package ru.aidabilling.core.domain;

import java.time.Instant;
import java.util.Objects;

/** One applied field change, as written to the append-only audit log (one JSON line each). */
public record AuditRecord(
    Instant time,
    Actor actor,
    RequestId requestId,
    CustomerId customerId,
    ProfileField field,
    String oldValue,
    String newValue,
    String contract) {
  public AuditRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(field, "field");
  }

  /** For logs: the values reduced to a hint ({@link Redacted#text}), as they may be a name. */
  @Override
  public String toString() {
    return "AuditRecord[time="
        + time
        + ", actor="
        + actor
        + ", requestId="
        + requestId
        + ", customerId="
        + customerId
        + ", field="
        + field
        + ", oldValue="
        + Redacted.text(oldValue)
        + ", newValue="
        + Redacted.text(newValue)
        + ", contract="
        + contract
        + "]";
  }
}
