package ru.aidabilling.http.server;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import ru.aidabilling.http.HttpAnswer;

/**
 * Back-pressure and deadlines: requests run on a fixed pool ({@code AIDA_WORKERS}) with a bounded
 * queue ({@code AIDA_QUEUE}); a full queue is refused at once (503) instead of piling up threads,
 * and every request gets exactly one answer — its own, or the deadline's when it is late. Late work
 * is not interrupted (a write to FreeScout and its audit record must not be cut in half); its
 * answer is dropped, and work whose deadline passed while it waited in the queue never starts.
 */
final class RequestPool {
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService timers;
  private final int queueCapacity;

  RequestPool(int workers, int queue) {
    this.queueCapacity = queue;
    BlockingQueue<Runnable> q =
        queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
    this.pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            60,
            TimeUnit.SECONDS,
            q,
            named("aida-worker", false),
            new ThreadPoolExecutor.AbortPolicy());
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, named("aida-deadline", true));
    t.setRemoveOnCancelPolicy(true);
    this.timers = t;
  }

  ThreadPoolExecutor executor() {
    return pool;
  }

  int queueCapacity() {
    return queueCapacity;
  }

  /**
   * Runs {@code work} on the pool and hands exactly one answer to {@code reply}: the work's, the
   * deadline's ({@code late}) or, when the queue is full, {@code overloaded} — the last one on the
   * calling thread, at once.
   *
   * @return false when the work was refused
   */
  boolean submit(
      Supplier<HttpAnswer> work,
      Duration deadline,
      Supplier<HttpAnswer> late,
      Supplier<HttpAnswer> overloaded,
      Consumer<HttpAnswer> reply) {
    AtomicBoolean answered = new AtomicBoolean();
    ScheduledFuture<?> timer =
        timers.schedule(
            () -> {
              if (answered.compareAndSet(false, true)) {
                reply.accept(late.get());
              }
            },
            deadline.toNanos(),
            TimeUnit.NANOSECONDS);
    try {
      pool.execute(
          () -> {
            if (answered.get()) {
              return;
            }
            HttpAnswer answer = work.get();
            if (answered.compareAndSet(false, true)) {
              timer.cancel(false);
              reply.accept(answer);
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      timer.cancel(false);
      if (answered.compareAndSet(false, true)) {
        reply.accept(overloaded.get());
      }
      return false;
    }
  }

  /** The same, for a caller that waits on its own thread (the sandbox's route). */
  HttpAnswer call(
      Supplier<HttpAnswer> work,
      Duration deadline,
      Supplier<HttpAnswer> late,
      Supplier<HttpAnswer> overloaded) {
    java.util.concurrent.CompletableFuture<HttpAnswer> result =
        new java.util.concurrent.CompletableFuture<>();
    submit(work, deadline, late, overloaded, result::complete);
    return result.join();
  }

  /** Stops taking work and waits up to {@code wait} for the running requests. */
  void shutdown(Duration wait) {
    pool.shutdown();
    try {
      pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.shutdownNow();
    timers.shutdownNow();
  }

  private static ThreadFactory named(String prefix, boolean daemon) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory base = Executors.defaultThreadFactory();
    return r -> {
      Thread t = base.newThread(r);
      t.setName(prefix + "-" + n.incrementAndGet());
      t.setDaemon(daemon);
      return t;
    };
  }
}
