package ru.aidabilling.cli;

/**
 * The JVM logging configuration of the command line ({@code java.util.logging.config.class}): it
 * configures nothing, so the JDK reads no {@code logging.properties} and puts no console handler on
 * the root logger. The adapters' records reach stderr only through {@link CliLogHandler}, which
 * {@link CliContext} adds when it builds the wiring. Public with a public constructor because the
 * JDK's {@code LogManager} instantiates it by name.
 */
public final class NoJdkLogging {
  /** Leaves every logger as the JDK creates it: level INFO at the root, no handler. */
  public NoJdkLogging() {
    // nothing to configure, by design
  }
}
