package ru.aidabilling.http;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The JDK's log manager, except that its own shutdown hook does not close the log handlers: that
 * hook runs at the same time as {@link Main}'s, which lets requests in flight finish, so the lines
 * those requests log (their access lines, the "still in flight" warnings) were dropped. {@link
 * Main#selectLogManager} names this class in {@code java.util.logging.manager} before anything logs
 * (without touching this class, whose loading would start the JDK's manager first), and {@link
 * #resetNow} runs once the service has stopped. Without it (another manager configured, or logging
 * started earlier, as in tests) everything behaves as the JDK's.
 */
public final class DeferredResetLogManager extends LogManager {
  static final String PROPERTY = "java.util.logging.manager";

  private volatile boolean resetAllowed;

  /** Instantiated by the JDK from the system property. */
  public DeferredResetLogManager() {
    super();
  }

  @Override
  public void reset() {
    if (resetAllowed) {
      super.reset();
    }
  }

  /**
   * Writes out and closes every handler now: at the end of the shutdown, or before exiting after a
   * failed start. With another log manager, flushes the root handlers instead.
   */
  static void resetNow() {
    LogManager manager = LogManager.getLogManager();
    if (manager instanceof DeferredResetLogManager deferred) {
      deferred.resetAllowed = true;
      deferred.reset();
    } else {
      for (Handler h : Logger.getLogger("").getHandlers()) {
        h.flush();
      }
    }
  }
}
