package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.service.SyncCustomerService;
import ru.aidabilling.core.testing.DiskFullAuditTrail;

/** {@code aida-billing sync}: the readable card, the spec-11 JSON and every exit code. */
class SyncCommandTest {

  @Test
  void syncShowsTheCardAndWritesTheProfile() {
    World w = World.seed();
    Cli.Run r = w.cli().run("sync", "31");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("Баланс:   256,52 ₽"), r.out());
    assertTrue(r.out().contains("ФИО:      Новичков Тарас Викторович"), r.out());
    assertTrue(r.out().contains("Договор:  0138"), r.out());
    assertTrue(r.out().contains("Тариф:    2024_SMiT"), r.out());
    assertTrue(r.out().contains("firstName: Ivan → Тарас"), r.out());
    assertTrue(r.out().contains("lastName: (пусто) → Новичков"), r.out());
    assertTrue(r.out().contains("[updated]"), r.out());
    assertEquals(1, w.customers.updates().size());
    assertEquals("Тарас", w.get(31).firstName());
    assertEquals("0138", w.get(31).company());
    assertTrue(
        w.audit.records().allMatch(a -> a.actor().value().equals("operator:tester")),
        "audit actor");
    Cli.Run again = w.cli().run("sync", "31");
    assertEquals(0, again.exit());
    assertTrue(again.out().contains("[unchanged]"), again.out());
    assertEquals(1, w.customers.updates().size());
  }

  /**
   * A run whose FreeScout write (the directory's update) waits for {@code release}; {@code inside}
   * counts down once the sync is in the write, or, for a stop before any write, once it is in the
   * billing lookup.
   */
  private static Cli heldRun(
      World w,
      java.util.concurrent.CountDownLatch inside,
      java.util.concurrent.CountDownLatch release,
      boolean holdTheWrite) {
    ru.aidabilling.core.port.out.CustomerDirectory slowPut =
        new SyncAllTest.Delegating(w.customers) {
          @Override
          public void update(
              ru.aidabilling.core.domain.CustomerId id,
              ru.aidabilling.core.domain.ProfilePatch patch) {
            if (holdTheWrite) {
              inside.countDown();
              await(release);
            }
            super.update(id, patch);
          }
        };
    ru.aidabilling.core.port.out.BillingDirectory slowLookup =
        new ru.aidabilling.core.port.out.BillingDirectory() {
          @Override
          public List<ru.aidabilling.core.domain.BillingAccount> findByPhone(Phone phone) {
            if (!holdTheWrite) {
              inside.countDown();
              await(release);
            }
            return w.billing.findByPhone(phone);
          }

          @Override
          public void ping() {}
        };
    return Cli.create()
        .wiring(
            (settings, gate) ->
                new TestWiring(
                    new ru.aidabilling.core.service.SyncCustomerService(
                        slowLookup,
                        gate.guard(slowPut),
                        w.audit,
                        ru.aidabilling.core.domain.MappingMode.SEED,
                        ru.aidabilling.core.domain.WritePolicy.OVERWRITE,
                        java.time.Clock.systemUTC()),
                    null,
                    null,
                    null,
                    w.customers));
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void ctrlCDuringTheWriteWaitsUntilItIsRecordedAndPrinted() throws Exception {
    World w = World.seed();
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Cli cli = heldRun(w, inside, release, true);
    java.util.concurrent.atomic.AtomicReference<Cli.Run> result =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread main = new Thread(() -> result.set(cli.run("sync", "31")));
    main.start();
    inside.await();
    assertEquals(1, cli.interruptActions.size(), "the stop is held while a sync may write");
    Thread hook = new Thread(cli.interruptActions.get(0));
    hook.start();
    hook.join(300);
    assertTrue(hook.isAlive(), "Ctrl-C waits for the running write");
    release.countDown();
    hook.join(30_000);
    main.join(30_000);
    assertFalse(hook.isAlive());
    assertEquals(0, result.get().exit(), result.get().toString());
    assertTrue(result.get().err().contains("waiting for the running write"), result.get().err());
    assertTrue(result.get().out().contains("[updated]"), "the outcome is printed");
    assertEquals(4, w.audit.records().count(), "and recorded");
    cli.interruptActions.get(0).run(); // after the run (the JVM exiting): returns at once
  }

  @Test
  void ctrlCBeforeAnyWriteStopsAtOnceAndNoWriteStartsAfterIt() throws Exception {
    World w = World.seed();
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Cli cli = heldRun(w, inside, release, false);
    java.util.concurrent.atomic.AtomicReference<Cli.Run> result =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread main = new Thread(() -> result.set(cli.run("sync", "31")));
    main.start();
    inside.await(); // in the billing lookup: no write has begun
    Thread hook = new Thread(cli.interruptActions.get(0));
    hook.start();
    hook.join(5_000);
    assertFalse(hook.isAlive(), "nothing to wait for: the stop goes through");
    release.countDown(); // the JVM would halt here; in a test the sync goes on
    main.join(30_000);
    assertEquals(0, w.customers.updates().size(), "no write started after the stop");
    assertEquals(0, w.audit.records().count());
    assertFalse(result.get().err().contains("waiting for the running write"), result.get().err());
  }

  @Test
  void aDryRunNeedsNoHoldOnCtrlC() {
    Cli cli = World.seed().cli();
    assertEquals(0, cli.run("sync", "31", "--dry-run").exit());
    assertEquals(0, cli.interruptActions.size());
  }

  @Test
  void anArgumentErrorWithJsonAsked() {
    for (String[] args :
        new String[][] {
          {"sync", "60", "--json", "--bogus"}, {"sync", "--json"}, {"lookup", "--json"}
        }) {
      Cli.Run r = World.seed().cli().run(args);
      assertEquals(2, r.exit(), r.toString());
      JsonNode j = r.json();
      assertEquals("VALIDATION", j.get("code").asText(), r.out());
      assertEquals(400, j.get("status").asInt());
      assertTrue(j.get("detail").asText().startsWith("Неверные аргументы команды"), r.out());
      assertTrue(r.err().contains("--help"), "the usage hint stays on stderr");
    }
    assertEquals("", World.seed().cli().run("sync", "--bogus").out(), "no JSON unless asked");
  }

  @Test
  void jsonIsTheSpec11Success() {
    World w = World.seed();
    Cli.Run r = w.cli().run("sync", "31", "--json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode j = r.json();
    assertEquals("updated", j.get("status").asText());
    assertEquals(31, j.get("customerId").asLong());
    assertEquals("+79004445566", j.get("phone").asText());
    assertEquals("256.52", j.get("account").get("balance").asText());
    assertEquals("RUB", j.get("account").get("currency").asText());
    assertEquals("0138", j.get("account").get("contract").asText());
    assertEquals("PERSON", j.get("name").get("kind").asText());
    assertTrue(j.get("address").isObject());
    JsonNode first = j.get("changes").get(0);
    assertEquals("firstName", first.get("field").asText());
    assertEquals("Ivan", first.get("old").asText());
    assertEquals("Тарас", first.get("new").asText());
    assertEquals(26, j.get("requestId").asText().length());
  }

  @Test
  void dryRunWritesNothing() {
    World w = World.seed();
    Cli.Run r = w.cli().run("sync", "31", "--dry-run", "--json");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("dry-run", r.json().get("status").asText());
    assertTrue(r.json().get("changes").size() > 0);
    assertTrue(w.customers.updates().isEmpty());
    assertEquals(0, w.audit.records().count());
    assertEquals("Ivan", w.get(31).firstName());
    Cli.Run human = w.cli().run("sync", "31", "--dry-run");
    assertTrue(human.out().contains("ничего не записано"), human.out());
    assertTrue(human.out().contains("Телефон:  +79004445566"), "the user sees the phone itself");
  }

  @Test
  void fillEmptyLeavesFilledFieldsAlone() {
    World w = World.seed();
    Cli.Run r = w.cli().run("sync", "31", "--fill-empty", "--json");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("Ivan", w.get(31).firstName());
    assertEquals("Новичков", w.get(31).lastName());
  }

  @Test
  void debtIsShownInRussianFormat() {
    World w = World.seed();
    w.billing.put(World.SEED_PHONE, World.account("0138", "Новичков Тарас Викторович", "-1250.5"));
    Cli.Run r = w.cli().run("sync", "31");
    assertTrue(r.out().contains("Баланс:   -1 250,50 ₽ (долг)"), r.out());
  }

  @Test
  void billingTextCannotDriveTheTerminal() {
    World w = World.seed();
    w.billing.put(
        World.SEED_PHONE, World.account("0138", "Новичков\u001b[2J Тарас\nВикторович", "1"));
    Cli.Run r = w.cli().run("sync", "31");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("ФИО:      Новичков?[2J Тарас Викторович"), r.out());
    assertTrue(!r.out().contains("\u001b"), r.out());
  }

  @Test
  void notFoundCodesExit3() {
    World w = World.seed();
    w.customers.put(World.customer(40, null, null, List.of("+7 912 000-00-01"), 2));
    assertProblem(w.cli().run("sync", "999", "--json"), ErrorCode.CUSTOMER_NOT_FOUND, 3);
    assertProblem(w.cli().run("sync", "40", "--json"), ErrorCode.NOT_IN_BILLING, 3);
    assertProblem(
        w.cli().run("sync", "31", "--contract", "9999", "--json"), ErrorCode.CONTRACT_NOT_FOUND, 3);
    Cli.Run human = w.cli().run("sync", "40");
    assertEquals(3, human.exit());
    assertTrue(
        human
            .err()
            .contains("NOT_IN_BILLING: Клиент с телефоном +79120000001 не найден в биллинге"),
        human.err());
  }

  @Test
  void severalAccountsExit4ListingTheCandidates() {
    World w = World.seed();
    w.billing.put(
        World.SEED_PHONE,
        World.SEED_ACCOUNT,
        World.account("0512", "Новичкова Анна Петровна", "10"));
    Cli.Run r = w.cli().run("sync", "31", "--json");
    JsonNode p = assertProblem(r, ErrorCode.AMBIGUOUS, 4);
    assertEquals(2, p.get("candidates").size());
    assertEquals(409, p.get("status").asInt());
    Cli.Run human = w.cli().run("sync", "31");
    assertEquals(4, human.exit());
    assertTrue(human.err().contains("договор 0512"), human.err());
    assertTrue(human.err().contains("--contract"), human.err());
    Cli.Run chosen = w.cli().run("sync", "31", "--contract", "0512");
    assertEquals(0, chosen.exit(), chosen.toString());
    assertEquals("0512", w.get(31).company());
  }

  @Test
  void phoneProblemsExit5AndForcePhoneOverrides() {
    World w = World.seed();
    w.customers.put(World.customer(41, "Без", "Телефона", List.of(), 3));
    assertProblem(w.cli().run("sync", "41", "--json"), ErrorCode.NO_PHONE, 5);
    Phone other = new Phone("+79110000002");
    w.billing.put(other, World.account("0777", "Петров Петр Петрович", "1"));
    assertProblem(
        w.cli().run("sync", "31", "--phone", "89110000002", "--json"),
        ErrorCode.PHONE_NOT_ON_CUSTOMER,
        5);
    Cli.Run forced = w.cli().run("sync", "31", "--phone", "89110000002", "--force-phone", "--json");
    assertEquals(0, forced.exit(), forced.toString());
    assertEquals("0777", forced.json().get("account").get("contract").asText());
  }

  @Test
  void upstreamFailuresExit6AndAFailedWriteStillCarriesTheBalance() {
    World w = World.seed();
    w.customers.failWritesWith(
        new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "FreeScout answered 500"));
    JsonNode p =
        assertProblem(w.cli().run("sync", "31", "--json"), ErrorCode.HELPDESK_UNAVAILABLE, 6);
    assertEquals("256.52", p.get("account").get("balance").asText());
    Cli.Run human = w.cli().run("sync", "31");
    assertEquals(6, human.exit());
    assertTrue(human.err().contains("256,52 ₽"), human.err());
    w.customers.failWritesWith(null);
    w.billing.failWith(
        new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "billing answered 503"));
    assertProblem(w.cli().run("sync", "31", "--json"), ErrorCode.BILLING_UNAVAILABLE, 6);
    w.billing.failWith(new UpstreamException(ErrorCode.DEADLINE_EXCEEDED, "too slow"));
    assertProblem(w.cli().run("sync", "31", "--json"), ErrorCode.DEADLINE_EXCEEDED, 6);
  }

  /**
   * FreeScout took the write but the audit log refused its records: INTERNAL (exit 1), and the
   * balance billing gave is still printed, in the JSON and on the terminal; the card does not claim
   * that the profile was not written.
   */
  @Test
  void anUpdateTheAuditLogCouldNotRecordStillShowsTheBalance() {
    World w = World.seed();
    AuditTrail full = new DiskFullAuditTrail("No space left on device", Stream::empty);
    Cli cli =
        Cli.create()
            .wiring(
                new TestWiring(
                    new SyncCustomerService(
                        w.billing,
                        w.customers,
                        full,
                        MappingMode.SEED,
                        WritePolicy.OVERWRITE,
                        Clock.systemUTC()),
                    null,
                    null,
                    null,
                    w.customers));

    JsonNode p = assertProblem(cli.run("sync", "31", "--json"), ErrorCode.INTERNAL, 1);
    assertEquals("256.52", p.get("account").get("balance").asText(), p.toString());
    assertEquals("0138", p.get("account").get("contract").asText());
    assertTrue(p.get("detail").asText().contains("обновлён"), p.toString());
    assertEquals("Тарас", w.get(31).firstName(), "the write went through");

    w.customers.put(World.customer(31, "Ivan", null, List.of("8 (900) 444-55-66"), 1));
    Cli.Run human = cli.run("sync", "31");
    assertEquals(1, human.exit(), human.toString());
    assertTrue(human.err().contains("ошибка INTERNAL"), human.err());
    assertTrue(human.err().contains("Баланс:   256,52 ₽"), human.err());
    assertTrue(human.err().contains("Договор:  0138"), human.err());
    assertFalse(human.err().contains("профиль не записан"), human.err());
  }

  @Test
  void aRefusedApiKeyExits7() {
    World w = World.seed();
    w.customers.failReadsWith(
        new UpstreamException(
            ErrorCode.CONFIGURATION,
            "FreeScout refused the API key: check AIDA_FREESCOUT_API_KEY"));
    JsonNode p = assertProblem(w.cli().run("sync", "31", "--json"), ErrorCode.CONFIGURATION, 7);
    assertTrue(p.get("detail").asText().contains("AIDA_FREESCOUT_API_KEY"), p.toString());
  }

  static JsonNode assertProblem(Cli.Run r, ErrorCode code, int exit) {
    assertEquals(exit, r.exit(), r.toString());
    JsonNode p = r.json();
    assertEquals(code.name(), p.get("code").asText(), r.toString());
    assertEquals(code.httpStatus(), p.get("status").asInt());
    assertEquals(code.typeUri(), p.get("type").asText());
    assertTrue(!p.get("detail").asText().isBlank());
    return p;
  }
}
