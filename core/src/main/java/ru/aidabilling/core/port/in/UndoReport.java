package ru.aidabilling.core.port.in;

import java.util.List;
import java.util.Objects;
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
   * @param cause the exception behind a {@code FAILED} item, for the program that embeds the core
   *     (the {@code message} is an operator's summary), as {@link SyncOutcome.Failed#cause}: the
   *     {@link ru.aidabilling.core.domain.UpstreamException} FreeScout's port threw (reading the
   *     customer, or the write), the audit trail's exception ({@code CONFIGURATION} before the
   *     write, {@code INTERNAL} after it), or the unexpected exception behind {@code INTERNAL}.
   *     Empty when the failure is an answer (the customer no longer exists) and for every other
   *     result. Never on the wire; {@code toString()} names only its classes, and its messages are
   *     not masked, so mask them before they go to a log others read
   */
  public record Item(
      CustomerId customerId,
      ProfileField field,
      String restoredValue,
      String currentValue,
      Result result,
      String message,
      ErrorCode failure,
      Optional<Throwable> cause) {
    public Item {
      if ((result == Result.FAILED) != (failure != null)) {
        throw new IllegalArgumentException("a failure code goes with FAILED, and only with it");
      }
      cause = cause == null ? Optional.empty() : cause;
      if (cause.isPresent() && result != Result.FAILED) {
        throw new IllegalArgumentException("a cause goes with FAILED only");
      }
    }

    /** An item without an exception behind it ({@code failure} as above). */
    public Item(
        CustomerId customerId,
        ProfileField field,
        String restoredValue,
        String currentValue,
        Result result,
        String message,
        ErrorCode failure) {
      this(
          customerId,
          field,
          restoredValue,
          currentValue,
          result,
          message,
          failure,
          Optional.empty());
    }

    /**
     * This {@code FAILED} item with the exception behind it (see {@code cause} above).
     *
     * @throws IllegalArgumentException when the item did not fail
     */
    public Item withCause(Throwable cause) {
      return new Item(
          customerId,
          field,
          restoredValue,
          currentValue,
          result,
          message,
          failure,
          Optional.of(Objects.requireNonNull(cause, "cause")));
    }

    /**
     * For logs: the values and the message (they may hold a name) only hinted, the cause by its
     * classes only (as {@link SyncOutcome.Failed#toString()}).
     */
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
          + ", cause="
          + cause.map(Redacted::exceptionClasses).orElse("none")
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
