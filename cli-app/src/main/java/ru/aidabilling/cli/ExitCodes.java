package ru.aidabilling.cli;

import ru.aidabilling.core.domain.ErrorCode;

/**
 * The process exit codes (spec 11). Error codes map through {@link ErrorCode#exitCode()}; these are
 * the ones that have no error code of their own.
 */
final class ExitCodes {
  static final int OK = 0;
  static final int INTERNAL = 1;
  static final int USAGE = ErrorCode.VALIDATION.exitCode();
  static final int UPSTREAM = ErrorCode.BILLING_UNAVAILABLE.exitCode();
  static final int CONFIGURATION = ErrorCode.CONFIGURATION.exitCode();
  static final int INTERRUPTED = 130;

  /** The help text's list, one {@code code:meaning} per line (picocli's exitCodeList form). */
  static final String[] HELP_LIST = {
    "0:success (sync-all: the walk completed; per-customer failures are in the report)",
    "1:unexpected internal error",
    "2:bad arguments or VALIDATION",
    "3:CUSTOMER_NOT_FOUND, NOT_IN_BILLING, CONTRACT_NOT_FOUND (undo: nothing recorded)",
    "4:AMBIGUOUS: several accounts, choose one with --contract",
    "5:NO_PHONE, PHONE_NOT_ON_CUSTOMER",
    "6:billing or FreeScout unavailable, DEADLINE_EXCEEDED",
    "7:CONFIGURATION: a setting is missing or wrong (the message names it)",
    "130:interrupted (Ctrl-C; 143 after SIGTERM, 129 after SIGHUP: the ssh session dropped);"
        + " sync-all leaves its report intact"
  };

  private ExitCodes() {}

  static int of(ErrorCode code) {
    int exit = code.exitCode();
    return exit == 0 ? INTERNAL : exit;
  }
}
