package ru.aidabilling.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code sync-all}'s progress on stderr: a bar redrawn in place with rate and ETA when a person
 * watches a terminal, a plain line every so often when the output goes to a log.
 */
final class Progress implements AutoCloseable {
  private static final int BAR = 30;
  private final PrintWriter err;
  private final boolean terminal;
  private final Supplier<SyncAllRunner.Snapshot> source;
  private final ScheduledExecutorService ticker;

  Progress(
      PrintWriter err,
      boolean terminal,
      Duration interval,
      Supplier<SyncAllRunner.Snapshot> source) {
    this.err = err;
    this.terminal = terminal;
    this.source = source;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sync-all-progress");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(50, interval.toMillis());
    ticker.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    SyncAllRunner.Snapshot s = source.get();
    synchronized (err) {
      if (terminal) {
        err.print("\r" + line(s) + "\u001b[K");
      } else {
        err.println("sync-all: " + line(s));
      }
      err.flush();
    }
  }

  static String line(SyncAllRunner.Snapshot s) {
    double seconds = s.elapsed().toNanos() / 1e9;
    double rate = seconds > 0 ? s.done() / seconds : 0;
    long handled = s.done() + s.skipped();
    StringBuilder b = new StringBuilder();
    if (s.expected() > 0) {
      long total = Math.max(s.expected(), handled);
      int filled = (int) (BAR * handled / total);
      b.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
      b.append(handled).append('/').append(total);
      b.append(String.format(Locale.ROOT, " %3d%%", 100 * handled / total));
    } else {
      b.append(handled).append(" customers");
    }
    b.append(String.format(Locale.ROOT, "  %.1f/s", rate));
    if (s.expected() > 0 && rate > 0) {
      long remaining = Math.max(0, s.expected() - handled);
      b.append("  ETA ").append(duration(Duration.ofSeconds((long) (remaining / rate))));
    }
    if (s.skipped() > 0) {
      b.append("  (").append(s.skipped()).append(" already in report)");
    }
    return b.toString();
  }

  static String duration(Duration d) {
    long sec = d.getSeconds();
    if (sec >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", sec / 3600, (sec % 3600) / 60);
    }
    if (sec >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", sec / 60, sec % 60);
    }
    return sec + "s";
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (terminal) {
      synchronized (err) {
        err.print("\r" + line(source.get()) + "\u001b[K\n");
        err.flush();
      }
    }
  }
}
