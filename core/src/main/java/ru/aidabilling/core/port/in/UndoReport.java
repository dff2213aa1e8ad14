package ru.aidabilling.core.port.in;

import java.util.List;
import java.util.Optional;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.Redacted;

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
    /**
     * The field was not put back as a recorded undo; {@code failure} says why, {@code message} says
     * it in words:
     *
     * <ul>
     *   <li>the customer no longer exists ({@code CUSTOMER_NOT_FOUND});
     *   <li>FreeScout failed or refused the key (its code): the field was not restored. When the
     *       PUT may have reached FreeScout, the customer is read again, and a field found holding
     *       its old value is {@code RESTORED} and recorded instead; when that read fails too, a dry
     *       run shows what FreeScout holds;
     *   <li>{@code CONFIGURATION} also when the audit log could not have taken the restore's
     *       record: nothing was written;
     *   <li>{@code INTERNAL}: an unexpected error, or FreeScout took the restore (the field now
     *       holds {@code restoredValue}) but the audit log could not record it, so no undo can put
     *       it back. The message says which; either way the logger {@code ru.aidabilling.core.sync}
     *       has the details under the undo's request id (for the second, the customer and the
     *       fields restored).
     * </ul>
     */
    FAILED
  }

  /**
   * @param failure why a {@code FAILED} item failed (e.g. {@code CUSTOMER_NOT_FOUND}, {@code
   *     CONFIGURATION} when FreeScout refused the key, {@code INTERNAL} when the restore went
   *     through but could not be recorded); null for every other result
   */
  public record Item(
      CustomerId customerId,
      ProfileField field,
      String restoredValue,
      String currentValue,
      Result result,
      String message,
      ErrorCode failure) {
    public Item {
      if ((result == Result.FAILED) != (failure != null)) {
        throw new IllegalArgumentException("a failure code goes with FAILED, and only with it");
      }
    }

    /** For logs: the values and the message (they may hold a name) only hinted. */
    @Override
    public String toString() {
      return "Item[customerId="
          + customerId
          + ", field="
          + field
          + ", restoredValue="
          + Redacted.text(restoredValue)
          + ", currentValue="
          + Redacted.text(currentValue)
          + ", result="
          + result
          + ", message="
          + Redacted.text(message)
          + ", failure="
          + failure
          + "]";
    }

    /** An item that did not fail. */
    public Item(
        CustomerId customerId,
        ProfileField field,
        String restoredValue,
        String currentValue,
        Result result,
        String message) {
      this(customerId, field, restoredValue, currentValue, result, message, null);
    }
  }

  public boolean anyFailed() {
    return items.stream().anyMatch(i -> i.result() == Result.FAILED);
  }

  /**
   * What went wrong, for an exit code: {@code CONFIGURATION} when any item failed on a setting
   * (nothing else will work until it is fixed), else the first failure; empty when none failed.
   */
  public Optional<ErrorCode> failure() {
    Optional<ErrorCode> first =
        items.stream().map(Item::failure).filter(f -> f != null).findFirst();
    return items.stream().anyMatch(i -> i.failure() == ErrorCode.CONFIGURATION)
        ? Optional.of(ErrorCode.CONFIGURATION)
        : first;
  }
}
