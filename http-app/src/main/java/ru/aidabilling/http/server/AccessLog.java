package ru.aidabilling.http.server;

import java.util.logging.Level;
import java.util.logging.Logger;
import ru.aidabilling.core.logging.LogSafety;

/**
 * One line per request on {@code java.util.logging} ({@code ru.aidabilling.http.access}): request
 * id, method, route template (never the raw path or query, which may hold a phone), status,
 * milliseconds and actor. The time comes from the log record. Errors go to {@code
 * ru.aidabilling.http.error} with their text masked.
 */
final class AccessLog {
  static final Logger ACCESS = Logger.getLogger("ru.aidabilling.http.access");
  static final Logger ERRORS = Logger.getLogger("ru.aidabilling.http.error");

  private AccessLog() {}

  static void request(
      String requestId, String method, String route, int status, long millis, String actor) {
    if (ACCESS.isLoggable(Level.INFO)) {
      ACCESS.info(
          LogSafety.maskPhones(requestId)
              + " "
              + method
              + " "
              + route
              + " "
              + status
              + " "
              + millis
              + "ms actor="
              + LogSafety.maskPhones(actor));
    }
  }

  /** An unexpected failure: class, masked message and stack frames, never the raw message. */
  static void unexpected(String requestId, String route, Throwable t) {
    RuntimeException safe =
        new RuntimeException(t.getClass().getName() + ": " + LogSafety.masked(t.getMessage()));
    safe.setStackTrace(t.getStackTrace());
    ERRORS.log(Level.SEVERE, requestId + " " + route + " failed", safe);
  }

  static void note(String requestId, String message) {
    ERRORS.warning(requestId + " " + LogSafety.masked(message));
  }
}
