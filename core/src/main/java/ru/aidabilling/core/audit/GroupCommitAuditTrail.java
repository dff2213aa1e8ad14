package ru.aidabilling.core.audit;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.port.out.AuditTrail;

/**
 * Group commit for the audit trail: requests that append at the same time share one write and one
 * {@code fsync} of the underlying trail, instead of queueing one disk flush each behind a lock.
 *
 * <p>Why: the JSON Lines trail forces every batch to disk before it returns (spec 5, step 7), one
 * batch at a time, and a flush costs milliseconds; under concurrent writes that flush, not the
 * network, limited http-app to a few hundred syncs per second (and {@code sync-all} to about a
 * hundred); both apps wrap their trail in this. Durability is unchanged: {@link #append} still
 * returns only after the caller's records were written and forced, and throws when the shared write
 * failed (then none of that group's records were reported written).
 *
 * <p>How: the first caller to find no write in progress becomes the leader; it takes every batch
 * queued so far (its own included) and appends them as one batch, in arrival order; callers that
 * arrive meanwhile wait, and the next of them to wake leads the next group. No extra thread.
 */
public final class GroupCommitAuditTrail implements AuditTrail {
  private final AuditTrail delegate;
  private final Object lock = new Object();
  private List<Pending> queue = new ArrayList<>();
  private boolean writing;

  public GroupCommitAuditTrail(AuditTrail delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** One caller's batch and, once its group was written, how that went. */
  private static final class Pending {
    final List<AuditRecord> records;
    boolean done;
    Throwable failure;

    Pending(List<AuditRecord> records) {
      this.records = records;
    }
  }

  @Override
  public void checkCanRecord() {
    delegate.checkCanRecord();
  }

  @Override
  public void append(List<AuditRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    Pending mine = new Pending(List.copyOf(records));
    List<Pending> group;
    synchronized (lock) {
      queue.add(mine);
      boolean interrupted = false;
      while (writing && !mine.done) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          // the records are queued and will be written; the caller must learn how that went
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (mine.done) {
        rethrow(mine.failure);
        return;
      }
      writing = true;
      group = queue;
      queue = new ArrayList<>();
    }
    Throwable failure = null;
    try {
      if (group.size() == 1) {
        delegate.append(mine.records);
      } else {
        List<AuditRecord> all = new ArrayList<>();
        for (Pending p : group) {
          all.addAll(p.records);
        }
        delegate.append(all);
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      synchronized (lock) {
        for (Pending p : group) {
          p.done = true;
          p.failure = failure;
        }
        writing = false;
        lock.notifyAll();
      }
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }

  /** Batches waiting for the next group (for tests). */
  int queued() {
    synchronized (lock) {
      return queue.size();
    }
  }

  @Override
  public Stream<AuditRecord> records() {
    return delegate.records();
  }

  @Override
  public Stream<AuditRecord> recordsOf(CustomerId customer) {
    return delegate.recordsOf(customer);
  }

  @Override
  public Stream<AuditRecord> recordsOf(RequestId request) {
    return delegate.recordsOf(request);
  }

  /** A waiting caller gets its own exception: one instance is not thrown on several threads. */
  private static void rethrow(Throwable failure) {
    if (failure == null) {
      return;
    }
    if (failure instanceof UncheckedIOException u) {
      throw new UncheckedIOException(u.getMessage(), u.getCause());
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("the audit log write failed: " + failure, failure);
  }
}
