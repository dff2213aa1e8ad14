package ru.aidabilling.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.port.out.AuditTrail;

/**
 * An audit trail whose disk is full: every append fails as a file's write does ({@code
 * UncheckedIOException} around an {@code IOException} with the system's message), while reading
 * goes on from {@code records} (what was recorded before, or nothing).
 */
public final class DiskFullAuditTrail implements AuditTrail {
  private final String message;
  private final Supplier<Stream<AuditRecord>> records;

  public DiskFullAuditTrail(String message, Supplier<Stream<AuditRecord>> records) {
    this.message = message;
    this.records = records;
  }

  @Override
  public void append(List<AuditRecord> toAppend) {
    throw new UncheckedIOException(new IOException(message));
  }

  @Override
  public Stream<AuditRecord> records() {
    return records.get();
  }
}
