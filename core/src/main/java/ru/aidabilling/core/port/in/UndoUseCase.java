package ru.aidabilling.core.port.in;

/**
 * Puts back the old values recorded in the audit trail, only where a field still holds the value we
 * wrote; the undo's own writes are audited too.
 */
public interface UndoUseCase {
  /**
   * A field that could not be put back is a {@code FAILED} item with its code, never an exception;
   * nothing selected (no record of that customer or request) is a report without items.
   *
   * @throws java.io.UncheckedIOException when the audit trail cannot be read (nothing was written)
   * @throws NullPointerException when {@code command} is null
   */
  UndoReport undo(UndoCommand command);
}
