package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.port.in.SyncOutcome.Synced;
import ru.aidabilling.core.port.in.SyncStatus;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;

/** Several agents (or a click and the webhook) syncing one customer at once write it once. */
class SameCustomerConcurrencyTest {
  static final CustomerId ID = CustomerId.of(31);
  static final Phone PHONE = new Phone("+79004445566");

  @Test
  void concurrentSyncsOfOneCustomerWriteAndAuditOnce() throws Exception {
    InMemoryCustomerDirectory stored = ivanPetrov();
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    CountDownLatch allRead = new CountDownLatch(4);
    // Reads wait until every sync could have read, so without ordering all four see the old
    // profile.
    SlowReads slowReads = new SlowReads(stored, allRead, new AtomicInteger());
    SyncCustomerService service =
        new SyncCustomerService(
            billing(),
            slowReads,
            audit,
            MappingMode.SEED,
            WritePolicy.OVERWRITE,
            Clock.systemUTC());

    List<SyncOutcome> outcomes = runAtOnce(service, List.of(plain(), plain(), plain(), plain()));
    assertEquals(1, outcomes.stream().filter(o -> statusOf(o) == SyncStatus.UPDATED).count());
    assertEquals(1, stored.updates().size());
    assertEquals(4, audit.records().count());
    assertEquals("Тарас", stored.get(ID).orElseThrow().firstName());
    // The three that waited saw the one write since their read apply exactly their changes:
    // none of them reads the customer again.
    assertEquals(4, slowReads.reads().get());
  }

  @Test
  void aSyncThatStillNeedsChangesAfterTheWriteSinceItsReadReadsAgain() throws Exception {
    InMemoryCustomerDirectory stored = ivanPetrov();
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    // The first read takes Ivan Petrov, then waits while a fill-empty sync writes company and zip.
    HeldFirstRead held = new HeldFirstRead(stored);
    SyncCustomerService service = overwriting(held, audit);

    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<SyncOutcome> overwrite = pool.submit(() -> service.sync(plain()));
      await(held.taken);
      assertEquals(SyncStatus.UPDATED, statusOf(service.sync(fillEmpty())));
      held.release.countDown();
      // Its read with the fill-empty write laid over it still has Ivan Petrov: it reads again
      // and writes just the name.
      Synced s = assertInstanceOf(Synced.class, overwrite.get(20, TimeUnit.SECONDS));
      assertEquals(SyncStatus.UPDATED, s.status());
      assertEquals(
          List.of(ProfileField.FIRST_NAME, ProfileField.LAST_NAME),
          s.changes().stream().map(c -> c.field()).toList());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(3, held.reads().get());
    CustomerProfile after = stored.get(ID).orElseThrow();
    assertEquals("Тарас", after.firstName());
    assertEquals("Новичков", after.lastName());
    assertEquals("0138", after.company());
    assertEquals(2, stored.updates().size());
    assertEquals(4, audit.records().count());
  }

  @Test
  void everyWriteSinceTheReadIsLaidOverInOrderBeforeDeciding() throws Exception {
    InMemoryCustomerDirectory stored = ivanPetrov();
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    HeldFirstRead held = new HeldFirstRead(stored);
    SyncCustomerService service = overwriting(held, audit);

    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<SyncOutcome> first = pool.submit(() -> service.sync(plain()));
      await(held.taken);
      // Two writes land while the first sync holds Ivan Petrov: company and zip, then the name.
      assertEquals(SyncStatus.UPDATED, statusOf(service.sync(fillEmpty())));
      assertEquals(SyncStatus.UPDATED, statusOf(service.sync(plain())));
      held.release.countDown();
      assertEquals(SyncStatus.UNCHANGED, statusOf(first.get(20, TimeUnit.SECONDS)));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(3, held.reads().get());
    assertEquals(2, stored.updates().size());
  }

  @Test
  void afterAFailedWriteTheSyncReadsAgain() throws Exception {
    InMemoryCustomerDirectory stored = ivanPetrov();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger puts = new AtomicInteger();
    // The first PUT fails and FreeScout kept nothing of it; the second goes through.
    CustomerDirectory firstPutFails =
        new SlowReads(stored, new CountDownLatch(2), reads) {
          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            if (puts.incrementAndGet() == 1) {
              throw new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "answered 502");
            }
            super.update(id, patch);
          }
        };
    SyncCustomerService service =
        new SyncCustomerService(
            billing(),
            firstPutFails,
            new InMemoryAuditTrail(),
            MappingMode.SEED,
            WritePolicy.OVERWRITE,
            Clock.systemUTC());

    List<SyncOutcome> outcomes = runAtOnce(service, List.of(plain(), plain()));

    // The failed sync reads again to see whether its PUT landed before the 502 (it did not), and
    // the second, which cannot know what the failed PUT applied, reads again and writes it all.
    assertEquals(4, reads.get());
    assertEquals(2, puts.get());
    assertEquals(1, outcomes.stream().filter(o -> o instanceof SyncOutcome.Failed).count());
    assertEquals("Тарас", stored.get(ID).orElseThrow().firstName());
  }

  @Test
  void aSlowAuditAppendDoesNotHoldUpTheNextWriteOfTheSameStripe() throws Exception {
    CustomerId sameStripe = CustomerId.of(31 + 256);
    InMemoryCustomerDirectory stored = ivanPetrov();
    stored.put(
        new CustomerProfile(
            sameStripe,
            "Ivan",
            "Petrov",
            null,
            null,
            null,
            null,
            List.of("+79004445566"),
            List.of(),
            Instant.EPOCH));
    CountDownLatch firstAppendStarted = new CountDownLatch(1);
    CountDownLatch releaseFirstAppend = new CountDownLatch(1);
    InMemoryAuditTrail kept = new InMemoryAuditTrail();
    AuditTrail firstAppendHangs =
        new AuditTrail() {
          final AtomicInteger appends = new AtomicInteger();

          @Override
          public void append(List<AuditRecord> records) {
            if (appends.incrementAndGet() == 1) {
              firstAppendStarted.countDown();
              await(releaseFirstAppend);
            }
            kept.append(records);
          }

          @Override
          public java.util.stream.Stream<AuditRecord> records() {
            return kept.records();
          }
        };
    SyncCustomerService service =
        new SyncCustomerService(
            billing(),
            stored,
            firstAppendHangs,
            MappingMode.SEED,
            WritePolicy.OVERWRITE,
            Clock.systemUTC());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<SyncOutcome> first = pool.submit(() -> service.sync(plain()));
      await(firstAppendStarted);
      // The first sync waits in its audit append; a sync of a customer of the same stripe writes.
      Synced second =
          assertInstanceOf(
              Synced.class, service.sync(SyncCommand.of(sameStripe, Actor.operator("agent"))));
      assertEquals(SyncStatus.UPDATED, second.status());
      assertEquals(4, kept.records().count());
      releaseFirstAppend.countDown();
      assertEquals(SyncStatus.UPDATED, statusOf(first.get(20, TimeUnit.SECONDS)));
    } finally {
      releaseFirstAppend.countDown();
      pool.shutdownNow();
    }
    assertEquals(8, kept.records().count());
  }

  @Test
  void aWriteThatEndsInAnErrorStillMakesRacingSyncsReadAgain() throws Exception {
    InMemoryCustomerDirectory stored = ivanPetrov();
    AtomicInteger puts = new AtomicInteger();
    // The first PUT is applied, then the JVM throws an Error on the way back.
    HeldFirstRead held =
        new HeldFirstRead(stored) {
          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            super.update(id, patch);
            if (puts.incrementAndGet() == 1) {
              throw new StackOverflowError("simulated");
            }
          }
        };
    SyncCustomerService service = overwriting(held, new InMemoryAuditTrail());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<SyncOutcome> first = pool.submit(() -> service.sync(plain()));
      await(held.taken);
      assertThrows(StackOverflowError.class, () -> service.sync(plain()));
      held.release.countDown();
      // The held sync read Ivan Petrov before that write: it must not trust its read.
      assertEquals(SyncStatus.UNCHANGED, statusOf(first.get(20, TimeUnit.SECONDS)));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, puts.get());
    assertEquals(3, held.reads().get());
  }

  @Test
  void auditTimesOfOneCustomerFollowTheWritesEvenWhenTheClockStepsBack() {
    InMemoryCustomerDirectory stored = ivanPetrov();
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    Instant[] now = {Instant.parse("2026-11-26T12:00:00Z")};
    Clock steppingBack =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    SyncCustomerService service =
        new SyncCustomerService(
            billing(), stored, audit, MappingMode.SEED, WritePolicy.FILL_EMPTY, steppingBack);
    assertEquals(SyncStatus.UPDATED, statusOf(service.sync(plain()))); // company and zip
    now[0] = now[0].minusSeconds(3600); // NTP steps the clock back an hour
    SyncCommand overwrite =
        new SyncCommand(
            ID,
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.of(WritePolicy.OVERWRITE),
            Actor.operator("agent"),
            RequestId.generate(),
            false);
    assertEquals(SyncStatus.UPDATED, statusOf(service.sync(overwrite))); // the name

    List<AuditRecord> records = audit.records().toList();
    Instant firstWrite = records.get(0).time();
    for (AuditRecord r : records.subList(2, records.size())) {
      assertTrue(r.time().isAfter(firstWrite), r.time() + " after " + firstWrite);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static SyncCustomerService overwriting(CustomerDirectory customers, AuditTrail audit) {
    return new SyncCustomerService(
        billing(), customers, audit, MappingMode.SEED, WritePolicy.OVERWRITE, Clock.systemUTC());
  }

  private static SyncCommand fillEmpty() {
    return new SyncCommand(
        ID,
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.of(WritePolicy.FILL_EMPTY),
        Actor.operator("agent"),
        RequestId.generate(),
        false);
  }

  /** The first read takes the profile as it is, then waits for {@code release} before answering. */
  private static class HeldFirstRead extends SlowReads {
    final CountDownLatch taken = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    HeldFirstRead(InMemoryCustomerDirectory delegate) {
      super(delegate, new CountDownLatch(0), new AtomicInteger());
    }

    @Override
    public Optional<CustomerProfile> find(CustomerId id) {
      Optional<CustomerProfile> found = super.find(id);
      if (reads().get() == 1) {
        taken.countDown();
        await(release);
      }
      return found;
    }
  }

  private static SyncCommand plain() {
    return SyncCommand.of(ID, Actor.operator("agent"));
  }

  private static SyncStatus statusOf(SyncOutcome o) {
    return assertInstanceOf(Synced.class, o).status();
  }

  private static List<SyncOutcome> runAtOnce(SyncCustomerService service, List<SyncCommand> cmds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(cmds.size());
    try {
      List<Future<SyncOutcome>> results = new ArrayList<>();
      for (SyncCommand cmd : cmds) {
        results.add(pool.submit(() -> service.sync(cmd)));
      }
      List<SyncOutcome> outcomes = new ArrayList<>();
      for (Future<SyncOutcome> f : results) {
        outcomes.add(f.get(20, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static InMemoryCustomerDirectory ivanPetrov() {
    return new InMemoryCustomerDirectory()
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
  }

  private static InMemoryBillingDirectory billing() {
    return new InMemoryBillingDirectory()
        .put(
            PHONE,
            new BillingAccount(
                "0138",
                "Новичков Тарас Викторович",
                "поселок Соляной Набережная 8/1",
                "2024_SMiT",
                Money.rub("256.52")));
  }

  /** Holds each read until the others read too (at most 10 s). */
  private static class SlowReads implements CustomerDirectory {
    private final InMemoryCustomerDirectory delegate;
    private final CountDownLatch latch;
    private final AtomicInteger reads;

    SlowReads(InMemoryCustomerDirectory delegate, CountDownLatch latch, AtomicInteger reads) {
      this.delegate = delegate;
      this.latch = latch;
      this.reads = reads;
    }

    AtomicInteger reads() {
      return reads;
    }

    @Override
    public Optional<CustomerProfile> find(CustomerId id) {
      reads.incrementAndGet();
      latch.countDown();
      await(latch);
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
