package ru.aidabilling.core.port.out;

import java.util.List;
import java.util.stream.Stream;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.RequestId;

/** The append-only record of every applied change, so any write can be undone. */
public interface AuditTrail {
  /**
   * Appends the records durably (all or nothing) before returning.
   *
   * @throws java.io.UncheckedIOException when they could not be written
   */
  void append(List<AuditRecord> records);

  /**
   * Checks cheaply, just before a change to FreeScout, that a record of it could be appended: a
   * change that could not be recorded could not be undone, so it is better not made. (A file may
   * have been moved away since the start, or replaced by one this process may not write.) Nothing
   * to check for trails that cannot fail that way.
   *
   * @throws java.io.UncheckedIOException naming the reason, when it could not
   */
  default void checkCanRecord() {}

  /**
   * Every record, in the order appended. Syncs append after their write, so records of different
   * writes may come slightly out of time order; for one customer their times follow the writes. The
   * caller closes the stream.
   */
  Stream<AuditRecord> records();

  /**
   * The records of one customer, in the order appended ({@link #records} filtered). A trail that
   * can find them without reading every record (the JSON Lines file: without parsing every line)
   * overrides it. The caller closes the stream.
   */
  default Stream<AuditRecord> recordsOf(CustomerId customer) {
    return records().filter(r -> r.customerId().equals(customer));
  }

  /** The records of one request, in the order appended, as {@link #recordsOf(CustomerId)}. */
  default Stream<AuditRecord> recordsOf(RequestId request) {
    return records().filter(r -> r.requestId().equals(request));
  }
}
