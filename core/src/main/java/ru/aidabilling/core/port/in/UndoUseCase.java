package ru.aidabilling.core.port.in;

/**
 * Puts back the old values recorded in the audit trail, only where a field still holds the value we
 * wrote; the undo's own writes are audited too.
 */
public interface UndoUseCase {
  UndoReport undo(UndoCommand command);
}
