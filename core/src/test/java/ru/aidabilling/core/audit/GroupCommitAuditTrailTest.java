package ru.aidabilling.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.AuditTrailContract;

class GroupCommitAuditTrailTest {
  private final ExecutorService callers = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  @Nested
  class OverTheInMemoryTrail extends AuditTrailContract {
    @Override
    protected AuditTrail emptyTrail() {
      return new GroupCommitAuditTrail(new InMemoryAuditTrail());
    }
  }

  @Nested
  class OverTheJsonLinesFile extends AuditTrailContract {
    @TempDir Path dir;

    @Override
    protected AuditTrail emptyTrail() {
      return new GroupCommitAuditTrail(new JsonlAuditTrail(dir.resolve("audit.jsonl")));
    }
  }

  /** A trail whose first write waits for a gate, so later callers pile up behind it. */
  private static final class GatedTrail implements AuditTrail {
    final InMemoryAuditTrail stored = new InMemoryAuditTrail();
    final List<Integer> writeSizes = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    volatile RuntimeException failSecondWrite;

    @Override
    public void append(List<AuditRecord> records) {
      writeSizes.add(records.size());
      if (writeSizes.size() == 1) {
        firstWriteStarted.countDown();
        await(gate);
      } else if (writeSizes.size() == 2 && failSecondWrite != null) {
        throw failSecondWrite;
      }
      stored.append(records);
    }

    @Override
    public Stream<AuditRecord> records() {
      return stored.records();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS), "latch never opened");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static AuditRecord record(long customer, ProfileField field) {
    return new AuditRecord(
        java.time.Instant.parse("2026-01-15T09:30:00Z"),
        ru.aidabilling.core.domain.Actor.operator("alice"),
        new ru.aidabilling.core.domain.RequestId("REQ" + customer),
        ru.aidabilling.core.domain.CustomerId.of(customer),
        field,
        null,
        "v" + customer,
        null);
  }

  private static List<AuditRecord> batch(long customer) {
    return List.of(record(customer, ProfileField.FIRST_NAME), record(customer, ProfileField.ZIP));
  }

  /** Starts {@code n} callers appending batches 2..n+1 while the first write is held. */
  private List<Future<?>> pileUpBehindTheFirstWrite(GroupCommitAuditTrail trail, GatedTrail gated)
      throws Exception {
    Future<?> first = callers.submit(() -> trail.append(batch(1)));
    await(gated.firstWriteStarted);
    List<Future<?>> all = new ArrayList<>(List.of(first));
    for (long c = 2; c <= 9; c++) {
      long customer = c;
      all.add(callers.submit(() -> trail.append(batch(customer))));
    }
    // the eight callers are queued once they wait; give them generous time on a loaded machine
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (waiting(trail) < 8 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(8, waiting(trail), "callers queued behind the first write");
    return all;
  }

  private static int waiting(GroupCommitAuditTrail trail) {
    return trail.queued();
  }

  @Test
  void callersThatArriveDuringAWriteShareTheNextOne() throws Exception {
    GatedTrail gated = new GatedTrail();
    GroupCommitAuditTrail trail = new GroupCommitAuditTrail(gated);
    List<Future<?>> all = pileUpBehindTheFirstWrite(trail, gated);

    gated.gate.countDown();
    for (Future<?> f : all) {
      f.get(30, TimeUnit.SECONDS);
    }

    assertEquals(List.of(2, 16), gated.writeSizes, "one write for the first, one for the rest");
    List<AuditRecord> stored;
    try (Stream<AuditRecord> s = trail.records()) {
      stored = s.toList();
    }
    assertEquals(18, stored.size());
    assertEquals(batch(1), stored.subList(0, 2));
    for (int i = 2; i < 18; i += 2) {
      assertEquals(
          stored.get(i).customerId(), stored.get(i + 1).customerId(), "a batch stays together");
    }
  }

  @Test
  void everyCallerOfAFailedGroupGetsTheFailureAndNothingIsStored() throws Exception {
    GatedTrail gated = new GatedTrail();
    gated.failSecondWrite =
        new UncheckedIOException("disk full", new IOException("No space left on device"));
    GroupCommitAuditTrail trail = new GroupCommitAuditTrail(gated);
    List<Future<?>> all = pileUpBehindTheFirstWrite(trail, gated);

    gated.gate.countDown();
    all.get(0).get(30, TimeUnit.SECONDS);
    AtomicInteger failed = new AtomicInteger();
    for (Future<?> f : all.subList(1, all.size())) {
      java.util.concurrent.ExecutionException e =
          assertThrows(
              java.util.concurrent.ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
      UncheckedIOException cause = assertInstanceOf(UncheckedIOException.class, e.getCause());
      assertEquals("disk full", cause.getMessage());
      failed.incrementAndGet();
    }

    assertEquals(8, failed.get());
    try (Stream<AuditRecord> s = trail.records()) {
      assertEquals(batch(1), s.toList(), "only the first caller's records were written");
    }
    trail.append(batch(10));
    try (Stream<AuditRecord> s = trail.records()) {
      assertEquals(4, s.count(), "the trail works again after a failed group");
    }
  }

  @Test
  void manyConcurrentCallersLoseNothing() throws Exception {
    InMemoryAuditTrail stored = new InMemoryAuditTrail();
    GroupCommitAuditTrail trail = new GroupCommitAuditTrail(stored);
    List<Future<?>> calls = new ArrayList<>();
    for (long c = 1; c <= 2000; c++) {
      long customer = c;
      calls.add(callers.submit(() -> trail.append(batch(customer))));
    }
    for (Future<?> f : calls) {
      f.get(60, TimeUnit.SECONDS);
    }

    List<AuditRecord> all;
    try (Stream<AuditRecord> s = trail.records()) {
      all = s.toList();
    }
    assertEquals(4000, all.size(), "no record lost or doubled");
    assertEquals(
        4000, all.stream().map(r -> r.customerId().value() + " " + r.field()).distinct().count());
  }
}
