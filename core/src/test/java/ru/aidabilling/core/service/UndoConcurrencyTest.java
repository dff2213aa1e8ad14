package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.FieldChange;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.port.in.SyncOutcome.Synced;
import ru.aidabilling.core.port.in.SyncStatus;
import ru.aidabilling.core.port.in.UndoCommand;
import ru.aidabilling.core.port.in.UndoReport;
import ru.aidabilling.core.port.in.UndoReport.Result;

/** Undos of one customer take turns with each other and with the syncs of the same process. */
class UndoConcurrencyTest {
  static final CustomerId ID = CustomerId.of(31);
  static final Phone PHONE = new Phone("+79004445566");
  static final RequestId SYNC_1 = new RequestId("SYNC1");
  static final Instant T1 = Instant.parse("2020-01-10T10:00:00Z");
  static final Actor OPERATOR = Actor.operator("alice");

  final InMemoryCustomerDirectory stored =
      new InMemoryCustomerDirectory().put(profile("Тарас", "Новичков", "0138", "Соляной"));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();

  UndoConcurrencyTest() {
    // the sync that wrote the profile above
    audit.append(
        List.of(
            synced(ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            synced(ProfileField.LAST_NAME, "Petrov", "Новичков"),
            synced(ProfileField.COMPANY, null, "0138"),
            synced(ProfileField.ZIP, null, "Соляной")));
  }

  @Test
  void concurrentUndosOfOneRequestWriteAndAuditOnce() throws Exception {
    CountDownLatch allRead = new CountDownLatch(4);
    // Each PUT waits (at most half a second) until all four undos could have read the customer:
    // undos that do not take turns all read the synced profile, and all four write it back.
    CustomerDirectoryWatch putsWaitForReads =
        new CustomerDirectoryWatch(stored) {
          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            Optional<CustomerProfile> found = super.find(id);
            allRead.countDown();
            return found;
          }

          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            awaitAtMost(allRead, 500);
            super.update(id, patch);
          }
        };
    UndoService undo = new UndoService(audit, putsWaitForReads, Clock.systemUTC());

    List<UndoReport> reports = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<UndoReport>> running = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        running.add(pool.submit(() -> undo.undo(UndoCommand.request(SYNC_1, OPERATOR))));
      }
      for (Future<UndoReport> f : running) {
        reports.add(f.get(20, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, stored.updates().size(), "one PUT");
    assertEquals(4, audit.records().filter(r -> !r.requestId().equals(SYNC_1)).count());
    assertEquals(
        1, reports.stream().filter(r -> allAre(r, Result.RESTORED)).count(), reports.toString());
    assertEquals(
        3,
        reports.stream().filter(r -> allAre(r, Result.ALREADY_RESTORED)).count(),
        "the others find nothing left to restore: " + reports);
    assertEquals(profile("Ivan", "Petrov", null, null), stored.get(ID).orElseThrow());
    assertAuditTellsTheTruth();
  }

  @Test
  void aSyncThatReadWhileAnUndoWroteDecidesOnWhatTheUndoLeft() throws Exception {
    // Billing has the customer's new first name since the sync above.
    InMemoryBillingDirectory billing =
        new InMemoryBillingDirectory()
            .put(
                PHONE,
                new BillingAccount(
                    "0138",
                    "Новичков Пётр Викторович",
                    "поселок Соляной Набережная 8/1",
                    "2024_SMiT",
                    Money.rub("256.52")));
    HeldFirstPut held = new HeldFirstPut(stored);
    Clock clock = Clock.systemUTC();
    SyncCustomerService sync =
        new SyncCustomerService(
            billing, held, audit, MappingMode.SEED, WritePolicy.OVERWRITE, clock);
    UndoService undo = new UndoService(audit, held, clock, sync);

    UndoReport undone;
    SyncOutcome synced;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<UndoReport> undoing =
          pool.submit(() -> undo.undo(UndoCommand.request(SYNC_1, OPERATOR)));
      awaitAtMost(held.putStarted, 10_000);
      // The undo's PUT is on its way; a sync of the customer starts and reads the synced profile.
      Future<SyncOutcome> syncing = pool.submit(() -> sync.sync(SyncCommand.of(ID, OPERATOR)));
      awaitAtMost(held.twoReads, 10_000);
      try {
        syncing.get(300, TimeUnit.MILLISECONDS); // in turn, it waits for the undo
      } catch (TimeoutException expected) {
        // it does
      }
      held.releasePut.countDown();
      undone = undoing.get(20, TimeUnit.SECONDS);
      synced = syncing.get(20, TimeUnit.SECONDS);
    } finally {
      held.releasePut.countDown();
      pool.shutdownNow();
    }

    assertTrue(allAre(undone, Result.RESTORED), undone.toString());
    Synced s = assertInstanceOf(Synced.class, synced);
    assertEquals(SyncStatus.UPDATED, s.status());
    // What it wrote over is what the undo left, not the profile it first read.
    assertEquals(
        List.of(
            new FieldChange(ProfileField.FIRST_NAME, "Ivan", "Пётр"),
            new FieldChange(ProfileField.LAST_NAME, "Petrov", "Новичков"),
            new FieldChange(ProfileField.COMPANY, null, "0138"),
            new FieldChange(ProfileField.ZIP, null, "Соляной")),
        s.changes());
    assertEquals(
        profile("Пётр", "Новичков", "0138", "Соляной"),
        stored.get(ID).orElseThrow(),
        "the sync wrote last");
    assertEquals(2, stored.updates().size());
    assertAuditTellsTheTruth();
  }

  /**
   * Each field's records, in time order, chain: each old value is the previous record's new one,
   * and the last new value is what FreeScout holds.
   */
  private void assertAuditTellsTheTruth() {
    CustomerProfile now = stored.get(ID).orElseThrow();
    for (ProfileField field : ProfileField.values()) {
      List<AuditRecord> records =
          audit
              .records()
              .filter(r -> r.field() == field)
              .sorted(Comparator.comparing(AuditRecord::time))
              .toList();
      for (int i = 1; i < records.size(); i++) {
        assertEquals(
            records.get(i - 1).newValue(),
            records.get(i).oldValue(),
            field + ": the old value of " + records.get(i) + " after " + records.get(i - 1));
      }
      if (!records.isEmpty()) {
        assertTrue(
            Objects.equals(records.get(records.size() - 1).newValue(), now.get(field)),
            field + ": the last record " + records.get(records.size() - 1) + " vs " + now);
      }
    }
  }

  private static boolean allAre(UndoReport report, Result result) {
    return report.items().stream().allMatch(i -> i.result() == result);
  }

  private static AuditRecord synced(ProfileField field, String old, String nu) {
    return new AuditRecord(T1, OPERATOR, SYNC_1, ID, field, old, nu, "0138");
  }

  private static CustomerProfile profile(String first, String last, String company, String zip) {
    return new CustomerProfile(
        ID, first, last, company, zip, null, null, List.of("+79004445566"), List.of(), T1);
  }

  private static void awaitAtMost(CountDownLatch latch, long millis) {
    try {
      latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Passes every call on; tests override what they watch. */
  private static class CustomerDirectoryWatch extends SyncCustomerServiceTest.DelegatingCustomers {
    CustomerDirectoryWatch(InMemoryCustomerDirectory inner) {
      super(inner);
    }
  }

  /**
   * The first PUT (the undo's) is held on its way until {@code releasePut}: FreeScout applies it
   * only then.
   */
  private static final class HeldFirstPut extends CustomerDirectoryWatch {
    final CountDownLatch putStarted = new CountDownLatch(1);
    final CountDownLatch releasePut = new CountDownLatch(1);
    final CountDownLatch twoReads = new CountDownLatch(2);
    private final AtomicInteger puts = new AtomicInteger();

    HeldFirstPut(InMemoryCustomerDirectory inner) {
      super(inner);
    }

    @Override
    public Optional<CustomerProfile> find(CustomerId id) {
      Optional<CustomerProfile> found = super.find(id);
      twoReads.countDown();
      return found;
    }

    @Override
    public void update(CustomerId id, ProfilePatch patch) {
      if (puts.incrementAndGet() == 1) {
        putStarted.countDown();
        awaitAtMost(releasePut, 10_000);
      }
      super.update(id, patch);
    }
  }
}
