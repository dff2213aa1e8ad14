package ru.aidabilling.core.port.in;

import java.util.List;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ProfileField;

/** What an undo did, field by field. */
public record UndoReport(List<Item> items) {
  public UndoReport {
    items = List.copyOf(items);
  }

  /** How one field fared. */
  public enum Result {
    /** The old value was put back (or would be, in a dry run). */
    RESTORED,
    /** The field no longer holds the value we wrote: someone changed it since; left alone. */
    CHANGED_SINCE,
    /** The field already holds the old value. */
    ALREADY_RESTORED,
    /** The customer no longer exists, or FreeScout failed: see {@code message}. */
    FAILED
  }

  public record Item(
      CustomerId customerId,
      ProfileField field,
      String restoredValue,
      String currentValue,
      Result result,
      String message) {}

  public boolean anyFailed() {
    return items.stream().anyMatch(i -> i.result() == Result.FAILED);
  }
}
