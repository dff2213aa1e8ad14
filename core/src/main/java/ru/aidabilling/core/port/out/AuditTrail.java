package ru.aidabilling.core.port.out;

import java.util.List;
import java.util.stream.Stream;
import ru.aidabilling.core.domain.AuditRecord;

/** The append-only record of every applied change, so any write can be undone. */
public interface AuditTrail {
  /**
   * Appends the records durably (all or nothing) before returning.
   *
   * @throws java.io.UncheckedIOException when they could not be written
   */
  void append(List<AuditRecord> records);

  /**
   * Every record, in the order appended. Syncs append after their write, so records of different
   * writes may come slightly out of time order; for one customer their times follow the writes. The
   * caller closes the stream.
   */
  Stream<AuditRecord> records();
}
