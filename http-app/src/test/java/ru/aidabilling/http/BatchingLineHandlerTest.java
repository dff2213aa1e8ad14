package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class BatchingLineHandlerTest {
  /** Message plus newline: what the handler writes is easy to count. */
  static final Formatter PLAIN =
      new Formatter() {
        @Override
        public String format(LogRecord r) {
          if (r.getMessage().equals("boom")) {
            throw new IllegalStateException("formatter failed");
          }
          return r.getMessage() + "\n";
        }
      };

  @Test
  void everyLineFromManyThreadsIsWrittenWholeInUtf8() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    BatchingLineHandler h = new BatchingLineHandler(sink, PLAIN, 64); // small: writers must wait
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int no = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 2000; i++) {
                  h.publish(new LogRecord(Level.INFO, "поток " + no + " строка " + i));
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(20_000);
    }
    h.flush();
    String[] lines = sink.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(16_000, lines.length);
    Set<String> distinct = new HashSet<>(List.of(lines));
    assertEquals(16_000, distinct.size());
    assertTrue(distinct.contains("поток 7 строка 1999"));
  }

  @Test
  void closeReturnsOnlyWhenTheQueueIsWrittenAndLaterLinesGoOutAtOnce() {
    SlowSink sink = new SlowSink();
    BatchingLineHandler h = new BatchingLineHandler(sink, PLAIN, 10_000);
    for (int i = 0; i < 500; i++) {
      h.publish(new LogRecord(Level.INFO, "line " + i));
    }
    h.close();
    assertEquals(500, sink.text().split("\n").length);
    h.publish(new LogRecord(Level.INFO, "after close"));
    assertTrue(sink.text().endsWith("after close\n"));
  }

  @Test
  void linesArrivingWhileTheWriterLingersShareOneWriteAndFlushCutsTheLingerShort()
      throws Exception {
    CountingSink sink = new CountingSink();
    BatchingLineHandler h = new BatchingLineHandler(sink, PLAIN, 1_000, Duration.ofSeconds(30));
    for (int i = 0; i < 40; i++) {
      h.publish(new LogRecord(Level.INFO, "line " + i));
      Thread.sleep(1); // a line a millisecond: without the linger, nearly a write each
    }
    long t0 = System.nanoTime();
    h.flush();
    long flushMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(40, sink.text().split("\n").length);
    assertTrue(sink.writes() <= 2, sink.writes() + " writes for 40 lines");
    assertTrue(flushMillis < 10_000, "flush waited " + flushMillis + " ms");
  }

  @Test
  void aRecordBelowTheLevelOrThatCannotBeFormattedIsReportedNotFatal() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    BatchingLineHandler h = new BatchingLineHandler(sink, PLAIN, 16);
    h.setLevel(Level.INFO);
    CountDownLatch reported = new CountDownLatch(1);
    h.setErrorManager(
        new ErrorManager() {
          @Override
          public synchronized void error(String msg, Exception ex, int code) {
            if (code == ErrorManager.FORMAT_FAILURE) {
              reported.countDown();
            }
          }
        });
    h.publish(new LogRecord(Level.FINE, "too fine"));
    h.publish(new LogRecord(Level.INFO, "boom"));
    h.publish(new LogRecord(Level.INFO, "still logging"));
    h.flush();
    assertTrue(reported.await(5, TimeUnit.SECONDS));
    assertEquals("still logging\n", sink.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStreamThatFailsOnceDoesNotStopLaterLines() throws Exception {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    OutputStream failsFirst =
        new OutputStream() {
          boolean failed;

          @Override
          public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public synchronized void write(byte[] b, int off, int len) {
            if (!failed) {
              failed = true;
              throw new StackOverflowError("simulated");
            }
            kept.write(b, off, len);
          }
        };
    BatchingLineHandler h = new BatchingLineHandler(failsFirst, PLAIN, 1);
    CountDownLatch reported = new CountDownLatch(1);
    h.setErrorManager(
        new ErrorManager() {
          @Override
          public synchronized void error(String msg, Exception ex, int code) {
            reported.countDown();
          }
        });
    long t0 = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      h.publish(new LogRecord(Level.INFO, "line " + i));
    }
    h.flush();
    assertTrue(reported.await(5, TimeUnit.SECONDS));
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 5);
    String text;
    synchronized (failsFirst) {
      text = kept.toString(StandardCharsets.UTF_8);
    }
    assertTrue(text.endsWith("line 4\n"), text);
  }

  /** Counts the writes it gets. */
  static final class CountingSink extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int writes;

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      writes++;
      bytes.write(b, off, len);
    }

    synchronized int writes() {
      return writes;
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** Takes a millisecond per write, so lines pile up in the queue. */
  static final class SlowSink extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    @Override
    public void flush() {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
