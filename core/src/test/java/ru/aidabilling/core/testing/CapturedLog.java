package ru.aidabilling.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The records one {@code java.util.logging} logger publishes while this is open, at every level,
 * kept off the console; {@link #close()} detaches it and puts the logger's level and parent
 * handlers back. For tests that check what a class logs (masking, severity) without reading the
 * console.
 */
public final class CapturedLog implements AutoCloseable {
  private final Logger logger;
  private final Level oldLevel;
  private final boolean parentHandlers;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(String name) {
    this.logger = Logger.getLogger(name);
    this.oldLevel = logger.getLevel();
    this.parentHandlers = logger.getUseParentHandlers();
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false); // keeps the test run's output clean
    logger.addHandler(handler);
  }

  /** Starts capturing the logger of this name. */
  public static CapturedLog of(String loggerName) {
    return new CapturedLog(loggerName);
  }

  /** Starts capturing the logger named after this class. */
  public static CapturedLog of(Class<?> type) {
    return new CapturedLog(type.getName());
  }

  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Each record's message with its parameters filled in, as a log line shows it. */
  public List<String> messages() {
    SimpleFormatter f = new SimpleFormatter();
    return records.stream().map(f::formatMessage).toList();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(oldLevel);
    logger.setUseParentHandlers(parentHandlers);
  }
}
