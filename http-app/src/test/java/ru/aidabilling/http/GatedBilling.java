package ru.aidabilling.http;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.port.out.BillingDirectory;

/** A billing whose lookups wait until the test opens the gate (at most 20 s, never forever). */
final class GatedBilling implements BillingDirectory {
  private final BillingDirectory delegate;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger waiting = new AtomicInteger();

  GatedBilling(BillingDirectory delegate) {
    this.delegate = delegate;
  }

  void open() {
    gate.countDown();
  }

  int waiting() {
    return waiting.get();
  }

  @Override
  public List<BillingAccount> findByPhone(Phone phone) {
    waiting.incrementAndGet();
    try {
      gate.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiting.decrementAndGet();
    }
    return delegate.findByPhone(phone);
  }

  @Override
  public void ping() {
    delegate.ping();
  }

  /** Polls until the condition holds; fails after 10 s. */
  static void await(String what, java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
