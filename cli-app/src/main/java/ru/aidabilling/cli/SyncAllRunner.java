package ru.aidabilling.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;
import ru.aidabilling.core.wire.Wire;

/**
 * The engine of {@code sync-all}: walks FreeScout's customer pages oldest first (trusting {@code
 * totalPages}), hands each customer without a report line to a fixed pool of workers, and keeps at
 * most twice the pool size in flight or queued, so a walk of any length holds one page and a few
 * dozen ids in memory. A start-rate limit is optional. The stop flag (Ctrl-C) ends the walk: no new
 * customer starts, queued ones are dropped (they have no line, so a resumed run does them), the
 * running ones finish and write their line. A sync that ends {@code INTERNAL} (say, its change
 * could not be recorded in the audit log) stops the walk the same way, and so does one that ends
 * {@code CONFIGURATION} (an upstream refused our key: every other customer would fail alike); that
 * customer gets no line, so the same command resumes with it once the setting is fixed.
 */
final class SyncAllRunner {
  /** How a walk ended. */
  enum Status {
    COMPLETED,
    STOPPED,
    LIST_FAILED,
    REPORT_FAILED,
    /**
     * A sync ended {@code INTERNAL} (an unexpected failure, or an audit log it could not write):
     * the walk stopped, so that no further change goes unrecorded; or it ended {@code
     * CONFIGURATION}: the walk stopped, as every other customer would fail the same way.
     */
    HALTED
  }

  record Options(
      int concurrency,
      double ratePerSecond,
      Optional<Instant> since,
      boolean dryRun,
      Optional<WritePolicy> policy,
      int pageSize,
      int listAttempts,
      Duration listRetryDelay) {}

  /** Progress figures at one moment; {@code expected} is an estimate until the last page. */
  record Snapshot(long done, long skipped, long expected, Duration elapsed) {}

  record Result(
      Status status,
      Map<String, Long> counts,
      long done,
      long skipped,
      Duration elapsed,
      Optional<ErrorCode> failureCode,
      Optional<String> failure) {}

  private final CustomerDirectory directory;
  private final SyncCustomerUseCase sync;
  private final Runnable auditCheck;
  private final Actor actor;
  private final Options options;
  private final ReportFile report;
  private final StopFlag stop;
  private final Clock clock;

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder done = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final IdSet seen = new IdSet();
  private final AtomicReference<IOException> reportFailure = new AtomicReference<>();

  /** Customers synced this run whose report line could not be written. */
  private final Set<Long> unreported = new ConcurrentSkipListSet<>();

  /**
   * Why the walk stopped at an INTERNAL or CONFIGURATION outcome, and the code that gives its exit
   * code; {@code mayBeUnrecorded}: an INTERNAL, whose change may have gone unrecorded.
   */
  private record Halt(String reason, ErrorCode code, boolean mayBeUnrecorded) {
    /** What the operator reads after the reason. */
    String consequence() {
      return mayBeUnrecorded
          ? "; stopped so that no further change goes unrecorded (a change that could not be"
              + " recorded is INTERNAL in the report, and stderr names its fields); run again to"
              + " resume"
          : "; stopped, as every other customer would fail the same way: fix the setting and run"
              + " the same command again to resume";
    }
  }

  private final AtomicReference<Halt> halt = new AtomicReference<>();
  private volatile long expected = -1;
  private volatile long startNanos;

  /**
   * @param auditCheck throws when the audit log cannot be opened to write; run after an {@code
   *     INTERNAL} outcome (which is how a sync whose write could not be recorded ends) to name the
   *     setting when it is the cause
   */
  SyncAllRunner(
      CustomerDirectory directory,
      SyncCustomerUseCase sync,
      Runnable auditCheck,
      Actor actor,
      Options options,
      ReportFile report,
      StopFlag stop,
      Clock clock) {
    this.directory = directory;
    this.sync = sync;
    this.auditCheck = auditCheck;
    this.actor = actor;
    this.options = options;
    this.report = report;
    this.stop = stop;
    this.clock = clock;
  }

  Snapshot snapshot() {
    long start = startNanos;
    return new Snapshot(
        done.sum(),
        skipped.sum(),
        expected,
        start == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start));
  }

  Result run() throws InterruptedException {
    startNanos = System.nanoTime();
    int n = options.concurrency();
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool =
        new ThreadPoolExecutor(
            n,
            n,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "sync-all-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Semaphore slots = new Semaphore(2 * n);
    RateLimiter rate = new RateLimiter(options.ratePerSecond());
    Status status = Status.STOPPED;
    ErrorCode failureCode = null;
    String failure = null;
    try {
      int page = 1;
      long mostCustomers = -1; // the largest listing size a page reported
      boolean shrank = false; // a later page reported fewer: customers were deleted behind us
      boolean secondPass = false;
      walk:
      while (true) {
        if (halted()) {
          break;
        }
        CustomerPage p;
        try {
          p = list(page);
        } catch (UpstreamException e) {
          status = Status.LIST_FAILED;
          failureCode = e.code();
          failure = "listing customers (page " + page + "): " + e.getMessage();
          break;
        }
        estimate(p);
        if (p.totalElements() >= 0) {
          shrank |= mostCustomers >= 0 && p.totalElements() < mostCustomers;
          mostCustomers = Math.max(mostCustomers, p.totalElements());
        }
        for (CustomerProfile c : p.customers()) {
          if (halted()) {
            break walk;
          }
          CustomerId id = c.id();
          if (report.isDone(id)) {
            skipped.increment();
            continue;
          }
          if (!seen.add(id.value())) {
            continue; // moved to a later page while we walked: already handed out
          }
          slots.acquire();
          if (!rate.acquire(stop)) {
            slots.release();
            break walk;
          }
          pool.execute(
              () -> {
                try {
                  syncOne(id);
                } finally {
                  slots.release();
                }
              });
        }
        if (p.isLast() || p.customers().isEmpty()) {
          if (shrank && !secondPass) {
            // Customers deleted during the walk moved later ones onto pages already read: walk
            // once more from the first page; those already handed out are skipped.
            secondPass = true;
            page = 1;
            continue;
          }
          status = Status.COMPLETED;
          break;
        }
        page++;
      }
    } finally {
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // in-flight syncs finish within the request deadline; keep waiting for them
      }
    }
    Halt stopped = halt.get();
    if (stopped != null) {
      status = Status.HALTED;
      failureCode = stopped.code();
      failure = stopped.reason() + stopped.consequence();
    } else if (reportFailure.get() != null) {
      status = Status.REPORT_FAILED;
      failureCode = ErrorCode.INTERNAL;
      failure =
          "cannot write the report "
              + report.path()
              + ": "
              + reportFailure.get().getMessage()
              + "; synced but not in the report (counted above; the next run syncs them again): "
              + unreportedList();
    } else if (status == Status.COMPLETED && done.sum() != seen.size()) {
      status = Status.STOPPED; // the stop came while the last customers were still queued
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (String key : List.of("updated", "unchanged", "dry-run")) {
      if (counts.containsKey(key)) {
        out.put(key, counts.get(key).sum());
      }
    }
    new TreeMap<>(counts).forEach((k, v) -> out.putIfAbsent(k, v.sum()));
    return new Result(
        status,
        out,
        done.sum(),
        skipped.sum(),
        Duration.ofNanos(System.nanoTime() - startNanos),
        Optional.ofNullable(failureCode),
        Optional.ofNullable(failure));
  }

  /** The customers synced without a report line, at most 20 named. */
  private String unreportedList() {
    List<String> ids = unreported.stream().limit(20).map(String::valueOf).toList();
    return String.join(", ", ids)
        + (unreported.size() > 20 ? " and " + (unreported.size() - 20) + " more" : "");
  }

  private boolean halted() {
    return stop.isStopped() || reportFailure.get() != null || halt.get() != null;
  }

  private CustomerPage list(int page) throws InterruptedException {
    PageQuery q = new PageQuery(page, options.pageSize(), options.since());
    for (int attempt = 1; ; attempt++) {
      try {
        return directory.list(q);
      } catch (UpstreamException e) {
        if (!e.code().isTransient() || attempt >= options.listAttempts() || stop.isStopped()) {
          throw e;
        }
        Thread.sleep(options.listRetryDelay().toMillis() * attempt);
      }
    }
  }

  private void estimate(CustomerPage p) {
    if (p.isLast()) {
      expected = (long) (p.page() - 1) * options.pageSize() + p.customers().size();
    } else {
      expected = (long) Math.max(p.totalPages(), p.page()) * options.pageSize();
    }
  }

  private void syncOne(CustomerId id) {
    if (halted()) {
      return; // queued but not started when the stop came: no line, a resumed run does it
    }
    RequestId requestId = RequestId.generate();
    SyncCommand command =
        new SyncCommand(
            id,
            Optional.empty(),
            Optional.empty(),
            options.dryRun(),
            options.policy(),
            actor,
            requestId,
            false);
    SyncOutcome outcome;
    try {
      outcome = sync.sync(command);
    } catch (UpstreamException e) {
      outcome = SyncOutcome.Failed.of(e.code(), e.getMessage(), command);
    } catch (RuntimeException e) {
      outcome =
          SyncOutcome.Failed.of(
              ErrorCode.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage(), command);
    }
    if (!options.dryRun()
        && outcome instanceof SyncOutcome.Failed f
        && f.code() == ErrorCode.INTERNAL) {
      // Stop at the first: a full disk fails every audit append yet lets the log be opened, so
      // the check below cannot be the only signal.
      Halt why = new Halt("customer " + id + ": INTERNAL: " + f.detail(), ErrorCode.INTERNAL, true);
      try {
        auditCheck.run();
      } catch (RuntimeException e) {
        why = new Halt(e.getMessage(), ErrorCode.CONFIGURATION, true);
      }
      // an INTERNAL outranks a CONFIGURATION stop: its warning (a change may be unrecorded, stderr
      // names its fields) must not be lost behind "fix the setting"
      Halt internal = why;
      halt.updateAndGet(prev -> prev == null || !prev.mayBeUnrecorded() ? internal : prev);
    }
    if (outcome instanceof SyncOutcome.Failed f && f.code() == ErrorCode.CONFIGURATION) {
      // no line: once the setting is fixed, the same command resumes with this customer
      halt.compareAndSet(
          null,
          new Halt(
              "customer " + id + ": CONFIGURATION: " + f.detail(), ErrorCode.CONFIGURATION, false));
      return;
    }
    String key =
        outcome instanceof SyncOutcome.Synced s
            ? s.status().wireName()
            : ((SyncOutcome.Failed) outcome).code().name();
    // counted before its line is written: the sync happened (and is audited) even when its line
    // cannot be
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    done.increment();
    try {
      report.append(line(outcome));
    } catch (IOException e) {
      reportFailure.compareAndSet(null, e);
      unreported.add(id.value());
    }
  }

  /** {@code {"customerId", "status"|"code", "changes", "time", ...}} (spec 11). */
  private Map<String, Object> line(SyncOutcome outcome) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("customerId", outcome.customerId().value());
    if (outcome instanceof SyncOutcome.Synced s) {
      m.put("status", s.status().wireName());
      m.put("changes", Wire.changes(s.changes()));
    } else {
      SyncOutcome.Failed f = (SyncOutcome.Failed) outcome;
      m.put("code", f.code().name());
      m.put("changes", List.of());
    }
    // as the audit log writes it, nine fraction digits: lines sort by time as text, and a report
    // line's time compares with the audit records of its sync
    m.put("time", Wire.auditTime(Instant.now(clock)));
    m.put("requestId", outcome.requestId().value());
    if (outcome instanceof SyncOutcome.Failed f) {
      m.put("detail", f.detail());
    }
    if (options.dryRun()) {
      m.put("dryRun", true);
    }
    return m;
  }
}
