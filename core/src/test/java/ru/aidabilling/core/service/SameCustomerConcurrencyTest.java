package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.port.in.SyncOutcome.Synced;
import ru.aidabilling.core.port.in.SyncStatus;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;

/** Several agents (or a click and the webhook) syncing one customer at once write it once. */
class SameCustomerConcurrencyTest {
  static final CustomerId ID = CustomerId.of(31);
  static final Phone PHONE = new Phone("+79004445566");

  @Test
  void concurrentSyncsOfOneCustomerWriteAndAuditOnce() throws Exception {
    InMemoryCustomerDirectory stored =
        new InMemoryCustomerDirectory()
            .put(
                new CustomerProfile(
                    ID,
                    "Ivan",
                    "Petrov",
                    null,
                    null,
                    null,
                    null,
                    List.of("+79004445566"),
                    List.of(),
                    Instant.EPOCH));
    InMemoryBillingDirectory billing =
        new InMemoryBillingDirectory()
            .put(
                PHONE,
                new BillingAccount(
                    "0138",
                    "Новичков Тарас Викторович",
                    "поселок Соляной Набережная 8/1",
                    "2024_SMiT",
                    Money.rub("256.52")));
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    CountDownLatch allRead = new CountDownLatch(4);
    // Reads wait until every sync could have read, so without ordering all four see the old
    // profile.
    CustomerDirectory slowReads = new SlowReads(stored, allRead);
    SyncCustomerService service =
        new SyncCustomerService(
            billing, slowReads, audit, MappingMode.SEED, WritePolicy.OVERWRITE, Clock.systemUTC());

    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<SyncOutcome>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> service.sync(SyncCommand.of(ID, Actor.operator("agent")))));
      }
      int updated = 0;
      for (Future<SyncOutcome> f : results) {
        Synced s = assertInstanceOf(Synced.class, f.get(20, TimeUnit.SECONDS));
        updated += s.status() == SyncStatus.UPDATED ? 1 : 0;
      }
      assertEquals(1, updated);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, stored.updates().size());
    assertEquals(4, audit.records().count());
    assertEquals("Тарас", stored.get(ID).orElseThrow().firstName());
  }

  /** Holds each read up to 300 ms for the others (bounded, so ordered syncs still finish). */
  private record SlowReads(InMemoryCustomerDirectory delegate, CountDownLatch latch)
      implements CustomerDirectory {
    @Override
    public Optional<CustomerProfile> find(CustomerId id) {
      latch.countDown();
      try {
        latch.await(300, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.find(id);
    }

    @Override
    public void update(CustomerId id, ProfilePatch patch) {
      delegate.update(id, patch);
    }

    @Override
    public CustomerPage list(PageQuery query) {
      return delegate.list(query);
    }

    @Override
    public void ping() {
      delegate.ping();
    }
  }
}
