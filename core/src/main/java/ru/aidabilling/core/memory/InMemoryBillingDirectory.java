package ru.aidabilling.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.BillingDirectory;

/**
 * Billing held in memory, for tests, embedding and the sandbox. A failure can be injected to act
 * out a billing outage. Thread-safe.
 */
public final class InMemoryBillingDirectory implements BillingDirectory {
  private final Map<Phone, List<BillingAccount>> accounts = new ConcurrentHashMap<>();
  private final AtomicReference<UpstreamException> failure = new AtomicReference<>();
  private final AtomicInteger lookups = new AtomicInteger();

  public InMemoryBillingDirectory put(Phone phone, BillingAccount... forPhone) {
    accounts.put(phone, List.of(forPhone));
    return this;
  }

  /** Every call fails with this exception until {@code null} is set again. */
  public void failWith(UpstreamException e) {
    failure.set(e);
  }

  public int lookups() {
    return lookups.get();
  }

  @Override
  public List<BillingAccount> findByPhone(Phone phone) {
    lookups.incrementAndGet();
    UpstreamException e = failure.get();
    if (e != null) {
      throw e;
    }
    return new ArrayList<>(accounts.getOrDefault(phone, List.of()));
  }

  @Override
  public void ping() {
    UpstreamException e = failure.get();
    if (e != null) {
      throw e;
    }
  }
}
