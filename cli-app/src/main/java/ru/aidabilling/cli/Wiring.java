package ru.aidabilling.cli;

import ru.aidabilling.core.port.in.LookupAccountsUseCase;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.UndoUseCase;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;
import ru.aidabilling.core.port.out.CustomerDirectory;

/**
 * What the commands need from the core, built once per run: the real adapters and services by
 * {@link CliApp}, or in-memory ports by a test. {@code customers} is there only for {@code
 * sync-all}'s listing (the one use of an out-port by a command: walking pages is the app's job).
 */
public interface Wiring extends AutoCloseable {
  SyncCustomerUseCase sync();

  LookupAccountsUseCase lookup();

  UndoUseCase undo();

  UpstreamHealthUseCase health();

  CustomerDirectory customers();

  /**
   * Checks, before a command's first write to FreeScout, that the audit log can be written (the
   * file, or the folder it will be made in, without making either): a change it could not record
   * could not be undone. Test wirings have nothing to check.
   *
   * @throws ru.aidabilling.core.settings.SettingsException naming {@code AIDA_AUDIT_FILE}
   */
  default void checkAuditLog() {}

  /**
   * The audit log's file, when the wiring keeps one; empty for test wirings (in memory). {@code
   * undo} says where it looked when there is nothing there, and does not make the file.
   */
  default java.util.Optional<java.nio.file.Path> auditLogFile() {
    return java.util.Optional.empty();
  }

  /** Releases what the wiring holds (HTTP clients, executors); never throws. */
  @Override
  default void close() {}
}
