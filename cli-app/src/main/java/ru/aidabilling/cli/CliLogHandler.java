package ru.aidabilling.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Shows the adapters' log records (java.util.logging) on stderr as one UTF-8 line each, and only
 * with {@code --verbose}: by default the command's own message already says what went wrong, and
 * the adapters' warnings would repeat it. Severe records always show.
 */
final class CliLogHandler extends Handler {
  private final CliContext ctx;

  CliLogHandler(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void publish(LogRecord record) {
    int threshold = ctx.verbose ? Level.INFO.intValue() : Level.SEVERE.intValue();
    if (record.getLevel().intValue() < threshold) {
      return;
    }
    String message = record.getMessage();
    if (record.getParameters() != null && record.getParameters().length > 0) {
      message = java.text.MessageFormat.format(message, record.getParameters());
    }
    PrintWriter err = ctx.err;
    synchronized (err) {
      err.println(
          "aida-billing: "
              + record.getLevel().getName().toLowerCase(java.util.Locale.ROOT)
              + ": "
              + message
              + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
      err.flush();
    }
  }

  @Override
  public void flush() {
    ctx.err.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
