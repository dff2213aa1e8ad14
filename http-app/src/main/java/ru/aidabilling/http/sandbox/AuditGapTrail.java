package ru.aidabilling.http.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.port.out.AuditTrail;

/**
 * The service's audit trail with the sandbox's one gap: appending a record of a customer in {@code
 * failing} fails (as a full disk would), everything else goes to the real trail. The check before
 * the write passes, so FreeScout takes the write and the sync answers {@code 500 INTERNAL} with the
 * account: the module's yellow "audit gap" block. Nothing of those customers reaches the file.
 */
final class AuditGapTrail implements AuditTrail {
  private final AuditTrail trail;
  private final Set<Long> failing;

  AuditGapTrail(AuditTrail trail, Set<Long> failing) {
    this.trail = Objects.requireNonNull(trail, "trail");
    this.failing = Set.copyOf(failing);
  }

  @Override
  public void append(List<AuditRecord> records) {
    for (AuditRecord r : records) {
      if (failing.contains(r.customerId().value())) {
        throw new UncheckedIOException(
            new IOException(
                "sandbox: the audit log never records customer "
                    + r.customerId()
                    + " (the audit-gap demo customer)"));
      }
    }
    trail.append(records);
  }

  @Override
  public void checkCanRecord() {
    trail.checkCanRecord();
  }

  @Override
  public Stream<AuditRecord> records() {
    return trail.records();
  }

  @Override
  public Stream<AuditRecord> recordsOf(CustomerId customer) {
    return trail.recordsOf(customer);
  }

  @Override
  public Stream<AuditRecord> recordsOf(RequestId request) {
    return trail.recordsOf(request);
  }
}
