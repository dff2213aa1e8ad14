package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.service.UndoService;
import ru.aidabilling.core.testing.DiskFullAuditTrail;

/** {@code aida-billing undo}: exact restore, and never over someone else's later change. */
class UndoCommandTest {

  @Test
  void undoByCustomerRestoresTheProfileExactlyAndIsAudited() {
    World w = World.seed();
    CustomerProfile original = w.get(31);
    assertEquals(0, w.cli().run("sync", "31").exit());
    assertTrue(!w.get(31).equals(original));
    long auditBefore = w.audit.records().count();

    Cli.Run dry = w.cli().run("undo", "--customer", "31", "--dry-run");
    assertEquals(0, dry.exit(), dry.toString());
    assertTrue(dry.out().contains("firstName: would restore \"Ivan\""), dry.out());
    assertTrue(!w.get(31).equals(original), "a dry run writes nothing");
    assertEquals(auditBefore, w.audit.records().count());

    Cli.Run r = w.cli().run("undo", "--customer", "31");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("firstName: restored \"Ivan\" (was \"Тарас\")"), r.out());
    assertTrue(r.out().contains("lastName: restored (empty)"), r.out());
    assertEquals(original, w.get(31));
    assertTrue(
        w.audit.records().count() > auditBefore
            && w.audit
                .records()
                .skip(auditBefore)
                .allMatch(a -> a.actor().value().equals("operator:tester")),
        "the undo is itself audited");
  }

  @Test
  void undoByRequestLeavesAFieldSomeoneChangedSince() {
    World w = World.seed();
    CustomerProfile original = w.get(31);
    String requestId = w.cli().run("sync", "31", "--json").json().get("requestId").asText();
    CustomerProfile synced = w.get(31);
    CustomerProfile edited =
        new CustomerProfile(
            synced.id(),
            "Тарасик",
            synced.lastName(),
            synced.company(),
            synced.zip(),
            synced.city(),
            synced.address(),
            synced.phones(),
            synced.websites(),
            synced.createdAt());
    w.customers.put(edited);

    Cli.Run r = w.cli().run("undo", "--request", requestId);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(
        r.out().contains("firstName: left alone: changed since we wrote it (now \"Тарасик\")"),
        r.out());
    assertEquals("Тарасик", w.get(31).firstName());
    assertEquals(original.lastName(), w.get(31).lastName());
    assertEquals(original.company(), w.get(31).company());
    assertEquals(original.zip(), w.get(31).zip());
    assertTrue(r.out().contains("1 left alone"), r.out());
  }

  @Test
  void sinceUndoesOnlyTheChangesRecordedFromThatTimeOn() throws InterruptedException {
    World w = World.seed();
    assertEquals(0, w.cli().run("sync", "31").exit()); // firstName Ivan -> Тарас
    Thread.sleep(5);
    Instant between = Instant.now();
    Thread.sleep(5);
    w.billing.put(
        World.SEED_PHONE,
        new BillingAccount(
            "0138", "Новичков Семён Викторович", "поселок Соляной Набережная 8/1", null, null));
    assertEquals(0, w.cli().run("sync", "31").exit()); // firstName Тарас -> Семён
    assertEquals("Семён", w.get(31).firstName());

    Cli.Run r = w.cli().run("undo", "--customer", "31", "--since", between.toString());

    assertEquals(0, r.exit(), r.toString());
    assertEquals("Тарас", w.get(31).firstName(), "the earlier sync's value stays");
    assertEquals("Новичков", w.get(31).lastName());
    assertEquals("0138", w.get(31).company());
  }

  @Test
  void nothingRecordedExits3AndBadArgumentsExit2() {
    World w = World.seed();
    Cli.Run none = w.cli().run("undo", "--request", "01JD4X8R6Z3Q5N7M9P2K4W6Y8B");
    assertEquals(3, none.exit(), none.toString());
    assertTrue(none.err().contains("nothing recorded"), none.err());
    assertEquals(2, w.cli().run("undo").exit());
    assertEquals(2, w.cli().run("undo", "--customer", "31", "--request", "X1").exit());
    assertEquals(2, w.cli().run("undo", "--request", "X1", "--since", "2024-01-01").exit());
    assertEquals(2, w.cli().run("undo", "--customer", "abc").exit());
    assertEquals(2, w.cli().run("undo", "--customer", "31", "--since", "soon").exit());
  }

  @Test
  void aFailedRestoreExits6() {
    Cli.Run r =
        undoAfterASyncWhen(
            c ->
                c.failWritesWith(
                    new UpstreamException(
                        ErrorCode.HELPDESK_UNAVAILABLE, "FreeScout answered 503")));
    assertEquals(6, r.exit(), r.toString());
    assertTrue(r.out().contains("FAILED"), r.out());
    assertFalse(r.out().contains("Баланс"), "an undo reads no balance: " + r.out());
  }

  @Test
  void aRefusedKeyExits7AndADeletedCustomerExits3AsSyncWould() {
    Cli.Run refused =
        undoAfterASyncWhen(
            c ->
                c.failReadsWith(
                    new UpstreamException(ErrorCode.CONFIGURATION, "FreeScout refused the key")));
    assertEquals(7, refused.exit(), refused.toString());
    Cli.Run deleted =
        undoAfterASyncWhen(
            c ->
                c.failReadsWith(
                    new UpstreamException(ErrorCode.CUSTOMER_NOT_FOUND, "FreeScout answered 404")));
    assertEquals(3, deleted.exit(), deleted.toString());
  }

  @Test
  void aRestoreTheAuditLogCouldNotRecordExits1SayingTheValueIsBack() {
    World w = World.seed();
    assertEquals(0, w.cli().run("sync", "31").exit());
    AuditTrail diskFull = new DiskFullAuditTrail("disk full", w.audit::records);
    TestWiring base = w.wiring();
    TestWiring wiring =
        new TestWiring(
            base.sync(),
            base.lookup(),
            new UndoService(diskFull, w.customers, Clock.systemUTC()),
            base.health(),
            base.customers());

    Cli.Run r = Cli.create().wiring(wiring).run("undo", "--customer", "31");

    assertEquals(1, r.exit(), r.toString());
    assertTrue(
        r.out()
            .contains(
                "customer 31 firstName: FAILED: Прежние значения клиента 31 сохранены в FreeScout,"
                    + " но журнал изменений записать не удалось"),
        r.out());
    assertEquals("Ivan", w.get(31).firstName(), "FreeScout took it");
    assertTrue(
        r.err().contains("restored by an undo in FreeScout (firstName, lastName, company, zip)"),
        "stderr names the fields the log is missing: " + r.err());
  }

  /** Syncs customer 31, makes FreeScout fail as told, then undoes the customer. */
  private static Cli.Run undoAfterASyncWhen(
      java.util.function.Consumer<ru.aidabilling.core.memory.InMemoryCustomerDirectory> failing) {
    World w = World.seed();
    assertEquals(0, w.cli().run("sync", "31").exit());
    failing.accept(w.customers);
    return w.cli().run("undo", "--customer", "31");
  }
}
