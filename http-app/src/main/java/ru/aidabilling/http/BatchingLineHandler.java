package ru.aidabilling.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The service's log handler: each request thread formats its line and queues it; one background
 * thread writes what is queued in batches, UTF-8, and flushes after each batch. The JDK's {@code
 * ConsoleHandler} instead takes one lock and makes one write to stderr per line, so under load
 * dozens of request threads queued on it (two lines per request: access and sync).
 *
 * <p>Nothing is dropped: when the queue is full, the logging thread waits for room, and after a
 * second without room (the writer stuck or gone) writes its line itself. {@link #flush} and {@link
 * #close} return once every line queued before them is written (the JDK closes root handlers when
 * the JVM stops, so the last lines of a shutdown reach the log); a line published after close is
 * written at once on the caller's thread.
 */
final class BatchingLineHandler extends Handler {
  private static final int BATCH = 256;

  private final BlockingQueue<String> queue;
  private final Writer out;
  private final Object progress = new Object();
  private long queued; // guarded by progress
  private long written; // guarded by progress
  private volatile boolean closed;

  BatchingLineHandler(OutputStream stream, Formatter formatter, int capacity) {
    this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
    this.queue = new ArrayBlockingQueue<>(capacity);
    setFormatter(formatter);
    Thread writer = new Thread(this::writeLoop, "aida-log-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String line;
    try {
      line = getFormatter().format(record);
    } catch (RuntimeException e) {
      reportError(null, e, ErrorManager.FORMAT_FAILURE);
      return;
    }
    if (closed) {
      writeNow(line);
      return;
    }
    synchronized (progress) {
      queued++;
    }
    boolean taken;
    try {
      taken = queue.offer(line, 1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      taken = false;
    }
    if (!taken) {
      // Interrupted, or the writer has not made room for a second (stuck or gone): the line goes
      // out on this thread, as the JDK's ConsoleHandler would write it.
      synchronized (progress) {
        queued--;
      }
      writeNow(line);
    }
  }

  /** Waits (up to five seconds) until every line queued so far is written. */
  @Override
  public void flush() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (progress) {
      long target = queued;
      while (written < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    flush();
  }

  private void writeLoop() {
    List<String> batch = new ArrayList<>(BATCH);
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, BATCH - 1);
      synchronized (out) {
        try {
          for (String line : batch) {
            out.write(line);
          }
          out.flush();
        } catch (IOException | RuntimeException e) {
          reportError(null, e, ErrorManager.WRITE_FAILURE);
        } catch (Error e) {
          // the writer must outlive a failing stream, or every later line would wait on it
          reportError(e.toString(), null, ErrorManager.WRITE_FAILURE);
        }
      }
      synchronized (progress) {
        written += batch.size();
        progress.notifyAll();
      }
      batch.clear();
    }
  }

  private void writeNow(String line) {
    synchronized (out) {
      try {
        out.write(line);
        out.flush();
      } catch (IOException e) {
        reportError(null, e, ErrorManager.WRITE_FAILURE);
      }
    }
  }
}
