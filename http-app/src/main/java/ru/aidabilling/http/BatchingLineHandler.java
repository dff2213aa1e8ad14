package ru.aidabilling.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The service's log handler: each request thread formats its line and queues it; one background
 * thread writes what is queued in batches, UTF-8, one {@code write} call and one flush per batch.
 * The JDK's {@code ConsoleHandler} instead takes one lock and makes one write to stderr per line,
 * so under load dozens of request threads queued on it (two lines per request: access and sync). A
 * batch goes to the stream in a single call, so a line is never split by something else writing to
 * the same stream.
 *
 * <p>Nothing is dropped: when the queue is full, the logging thread waits for room, and after a
 * second without room (the writer stuck) writes its line itself; if the writer thread ever ends,
 * every later line is written by the thread that logs it. {@link #flush} and {@link #close} return
 * once every line queued before them is written (at most five seconds); a line published after
 * close is written at once on the caller's thread.
 */
final class BatchingLineHandler extends Handler {
  private static final int BATCH = 256;

  /** How long the writer waits for more lines after the first one of a batch. */
  static final java.time.Duration LINGER = java.time.Duration.ofMillis(10);

  private final BlockingQueue<String> queue;
  private final long lingerNanos;
  private final Thread writer;
  private volatile boolean hurry; // flush or close waits: write without lingering
  private final OutputStream out;
  private final Object progress = new Object();
  private long queued; // guarded by progress
  private long written; // guarded by progress
  private boolean closed; // guarded by progress
  private boolean writerGone; // guarded by progress

  BatchingLineHandler(OutputStream stream, Formatter formatter, int capacity) {
    this(stream, formatter, capacity, LINGER);
  }

  /**
   * @param linger how long the writer waits for more lines after the first of a batch (zero: not at
   *     all)
   */
  BatchingLineHandler(
      OutputStream stream, Formatter formatter, int capacity, java.time.Duration linger) {
    this.out = stream;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.lingerNanos = linger.toNanos();
    setFormatter(formatter);
    writer = new Thread(this::writeLoop, "aida-log-writer");
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
    boolean direct;
    synchronized (progress) {
      direct = closed || writerGone;
      if (!direct) {
        queued++;
      }
    }
    if (direct) {
      writeNow(List.of(line));
      return;
    }
    boolean taken;
    try {
      taken = queue.offer(line, 1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      taken = false;
    }
    if (!taken) {
      // Interrupted, or no room for a second: the line goes out on this thread, as the JDK's
      // ConsoleHandler would write it, and counts as written for flush().
      writeNow(List.of(line));
      countWritten(1);
    }
  }

  /** Waits (up to five seconds) until every line queued so far is written. */
  @Override
  public void flush() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    hurry = true;
    LockSupport.unpark(writer);
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
    synchronized (progress) {
      closed = true;
    }
    flush();
  }

  private void writeLoop() {
    List<String> batch = new ArrayList<>(BATCH);
    try {
      while (true) {
        try {
          batch.add(queue.take());
        } catch (InterruptedException e) {
          return;
        }
        linger();
        queue.drainTo(batch, BATCH - 1);
        writeNow(batch);
        countWritten(batch.size());
        batch.clear();
      }
    } finally {
      synchronized (progress) {
        writerGone = true;
      }
      // lines queued before the flag was seen: written here, so that none waits for ever
      List<String> rest = new ArrayList<>();
      queue.drainTo(rest);
      writeNow(rest);
      countWritten(rest.size());
    }
  }

  /**
   * Waits up to the linger time for more lines, unless a full batch is already waiting or {@link
   * #flush} is waiting. An interrupt ends the wait and stays set, so that the loop stops after
   * writing this batch.
   */
  private void linger() {
    long until = System.nanoTime() + lingerNanos;
    while (!hurry && queue.size() < BATCH - 1 && !Thread.currentThread().isInterrupted()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        break;
      }
      LockSupport.parkNanos(this, left);
    }
    hurry = false;
  }

  private void countWritten(int n) {
    synchronized (progress) {
      written += n;
      progress.notifyAll();
    }
  }

  /** Writes the lines in one call to the stream and flushes; failures go to the ErrorManager. */
  private void writeNow(List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line);
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    synchronized (out) {
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException | RuntimeException e) {
        reportError(null, e, ErrorManager.WRITE_FAILURE);
      } catch (Error e) {
        // the writer must outlive a failing stream, or every later line would wait on it
        reportError(e.toString(), null, ErrorManager.WRITE_FAILURE);
      }
    }
  }
}
