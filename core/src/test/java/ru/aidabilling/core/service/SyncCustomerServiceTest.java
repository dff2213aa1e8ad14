package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.FieldChange;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.StoredText;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.port.in.SyncOutcome.Failed;
import ru.aidabilling.core.port.in.SyncOutcome.Synced;
import ru.aidabilling.core.port.in.SyncStatus;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.BillingDirectory;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;
import ru.aidabilling.core.testing.CapturedLog;
import ru.aidabilling.core.testing.DiskFullAuditTrail;

/**
 * Every rule and outcome of spec 5 over the in-memory ports. Parsing is pinned by a table here so
 * the tests check the sync, not the parsers (those have their own tests).
 */
class SyncCustomerServiceTest {
  static final CustomerId ID = CustomerId.of(31);
  static final Phone PHONE = new Phone("+79004445566");
  static final Phone OTHER_PHONE = new Phone("+79001234567");
  static final Instant NOW = Instant.parse("2026-01-15T09:30:00Z");
  static final Actor AGENT = new Actor("freescout-user:5 agent@example.com");
  static final RequestId REQUEST = new RequestId("01JDTESTREQUEST0000000000A");

  static final String TARAS_NAME = "Новичков Тарас Викторович";
  static final String SOLYANOY_ADDRESS = "поселок Соляной Набережная 8/1";
  static final String ROMASHKA = "ООО «Ромашка»";
  static final String MIRA_ADDRESS = "404130, г. Волжский, ул. Мира, д. 15, кв. 3";
  static final String LONG_ADDRESS = "поселок Красноармейский Октябрьский";
  static final String JUNK_NAME = "тест тест";

  static final BillingAccount SEED =
      new BillingAccount("0138", TARAS_NAME, SOLYANOY_ADDRESS, "2024_SMiT", Money.rub("256.52"));

  /** What the parsers are taken to give for the inputs these tests use. */
  static final Map<String, ParsedName> NAMES =
      Map.of(
          TARAS_NAME, ParsedName.person("Новичков", "Тарас", "Викторович"),
          ROMASHKA, ParsedName.organization(ROMASHKA),
          JUNK_NAME, ParsedName.UNKNOWN);

  static final Map<String, ParsedAddress> ADDRESSES =
      Map.of(
          SOLYANOY_ADDRESS,
          ProfileMappingTest.address(
              null, "поселок", "Соляной", null, "Набережная", "8/1", null, null),
          MIRA_ADDRESS,
          ProfileMappingTest.address(
              "404130", "город", "Волжский", "улица", "Мира", "15", null, "3"),
          LONG_ADDRESS,
          ProfileMappingTest.address(
              null, "поселок", "Красноармейский Октябрьский", null, null, null, null, null));

  final InMemoryBillingDirectory billing = new InMemoryBillingDirectory();
  final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  SyncCustomerService service(MappingMode mode, WritePolicy policy) {
    return service(billing, audit, mode, policy, null);
  }

  SyncCustomerService service() {
    return service(MappingMode.SEED, WritePolicy.OVERWRITE);
  }

  SyncCustomerService service(
      BillingDirectory billingPort,
      AuditTrail auditPort,
      MappingMode mode,
      WritePolicy policy,
      Executor executor) {
    return new SyncCustomerService(
        billingPort,
        customers,
        auditPort,
        mode,
        policy,
        clock,
        executor,
        s -> s == null ? ParsedName.UNKNOWN : NAMES.getOrDefault(s, ParsedName.UNKNOWN),
        s -> s == null ? ParsedAddress.EMPTY : ADDRESSES.getOrDefault(s, ParsedAddress.EMPTY));
  }

  static CustomerProfile customer(String first, String last, String zip, String... phones) {
    return new CustomerProfile(
        ID, first, last, null, zip, null, null, List.of(phones), List.of(), Instant.EPOCH);
  }

  static SyncCommand command() {
    return new SyncCommand(
        ID, Optional.empty(), Optional.empty(), false, Optional.empty(), AGENT, REQUEST, false);
  }

  static SyncCommand withPhone(Phone phone) {
    return new SyncCommand(
        ID, Optional.of(phone), Optional.empty(), false, Optional.empty(), AGENT, REQUEST, false);
  }

  static SyncCommand withContract(String contract) {
    return new SyncCommand(
        ID,
        Optional.empty(),
        Optional.of(contract),
        false,
        Optional.empty(),
        AGENT,
        REQUEST,
        false);
  }

  static SyncCommand dryRun() {
    return new SyncCommand(
        ID, Optional.empty(), Optional.empty(), true, Optional.empty(), AGENT, REQUEST, false);
  }

  static Synced synced(SyncOutcome outcome) {
    return assertInstanceOf(Synced.class, outcome, () -> "expected success, got " + outcome);
  }

  static Failed failed(SyncOutcome outcome, ErrorCode code) {
    Failed f = assertInstanceOf(Failed.class, outcome, () -> "expected failure, got " + outcome);
    assertEquals(code, f.code(), f.detail());
    assertEquals(ID, f.customerId());
    assertEquals(REQUEST, f.requestId());
    return f;
  }

  CustomerProfile stored() {
    return customers.get(ID).orElseThrow();
  }

  // ------------------------------------------------------------------ the happy path

  @Test
  void theSeedCustomerGetsNamesContractAndSettlement() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);

    Synced s = synced(service().sync(command()));

    assertEquals(SyncStatus.UPDATED, s.status());
    assertEquals(PHONE, s.phone());
    assertEquals(SEED, s.account());
    assertEquals(NAMES.get(TARAS_NAME), s.name());
    assertEquals(ADDRESSES.get(SOLYANOY_ADDRESS), s.address());
    assertEquals(
        List.of(
            new FieldChange(ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            new FieldChange(ProfileField.LAST_NAME, null, "Новичков"),
            new FieldChange(ProfileField.COMPANY, null, "0138"),
            new FieldChange(ProfileField.ZIP, null, "Соляной")),
        s.changes());
    assertEquals(1, customers.updates().size());
    CustomerProfile now = stored();
    assertEquals("Тарас", now.firstName());
    assertEquals("Новичков", now.lastName());
    assertEquals("0138", now.company());
    assertEquals("Соляной", now.zip());
  }

  // ------------------------------------------------------------------ an agent's edit in the
  // window

  /**
   * A sync reads the customer, then looks billing up (seconds when billing is slow), then writes.
   * An agent who saves the profile in FreeScout in between: the sync must decide on what FreeScout
   * holds at the write, not on its first read.
   */
  /** A clock that reads {@code now[0]}: a test moves it forward as time would pass. */
  static Clock movingClock(Instant[] now) {
    return new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
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
  }

  private SyncCustomerService slowBillingWhileAnAgentEdits(
      WritePolicy policy, CustomerProfile agentSaves, Duration lookupTakes) {
    Instant[] now = {NOW};
    Clock moving = movingClock(now);
    BillingDirectory slow =
        new BillingDirectory() {
          @Override
          public List<BillingAccount> findByPhone(Phone phone) {
            now[0] = now[0].plus(lookupTakes);
            customers.put(agentSaves); // the agent's save lands during the lookup
            return billing.findByPhone(phone);
          }

          @Override
          public void ping() {}
        };
    return new SyncCustomerService(
        slow,
        customers,
        audit,
        MappingMode.SEED,
        policy,
        moving,
        null,
        s -> s == null ? ParsedName.UNKNOWN : NAMES.getOrDefault(s, ParsedName.UNKNOWN),
        s -> s == null ? ParsedAddress.EMPTY : ADDRESSES.getOrDefault(s, ParsedAddress.EMPTY));
  }

  @Test
  void anAgentsEditDuringASlowLookupIsTheAuditsOldValueSoAnUndoKeepsIt() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    CustomerProfile edited = customer("Иван-агент", null, null, "+79004445566");

    Synced s =
        synced(
            slowBillingWhileAnAgentEdits(WritePolicy.OVERWRITE, edited, Duration.ofSeconds(3))
                .sync(command()));

    assertEquals(
        new FieldChange(ProfileField.FIRST_NAME, "Иван-агент", "Тарас"), s.changes().get(0));
    assertEquals("Иван-агент", audit.records().findFirst().orElseThrow().oldValue());
  }

  @Test
  void fillEmptyDoesNotOverwriteAFieldAnAgentFilledDuringASlowLookup() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    CustomerProfile edited =
        new CustomerProfile(
            ID,
            "Ivan",
            "Петров",
            "Д-999",
            null,
            null,
            null,
            List.of("+79004445566"),
            List.of(),
            Instant.EPOCH);

    Synced s =
        synced(
            slowBillingWhileAnAgentEdits(WritePolicy.FILL_EMPTY, edited, Duration.ofSeconds(3))
                .sync(command()));

    assertEquals(List.of(new FieldChange(ProfileField.ZIP, null, "Соляной")), s.changes());
    assertEquals("Петров", stored().lastName());
    assertEquals("Д-999", stored().company());
  }

  @Test
  void aSlowLookupPastTheWriteDeadlineWritesNothingAndKeepsTheAgentsEdit() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    CustomerProfile edited = customer("Иван-агент", null, null, "+79004445566");

    failed(
        slowBillingWhileAnAgentEdits(WritePolicy.OVERWRITE, edited, Duration.ofSeconds(3))
            .sync(command().withWriteBy(Optional.of(NOW.plusSeconds(2)))),
        ErrorCode.DEADLINE_EXCEEDED);

    assertEquals("Иван-агент", stored().firstName());
    assertEquals(0, customers.updates().size());
  }

  @Test
  void aFailedReadAgainAfterASlowLookupStillGivesTheBalanceAndWritesNothing() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    Instant[] now = {NOW};
    Instant[] readBy = {null};
    int[] reads = {0};
    CustomerDirectory failingSecondRead =
        new DelegatingCustomers(customers) {
          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            if (++reads[0] > 1) {
              throw new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 502");
            }
            return customers.find(id);
          }

          @Override
          public Optional<CustomerProfile> find(CustomerId id, Instant deadline) {
            readBy[0] = deadline;
            return find(id);
          }
        };
    BillingDirectory slow =
        new BillingDirectory() {
          @Override
          public List<BillingAccount> findByPhone(Phone phone) {
            now[0] = now[0].plusSeconds(2);
            return billing.findByPhone(phone);
          }

          @Override
          public void ping() {}
        };
    SyncCustomerService service =
        new SyncCustomerService(
            slow,
            failingSecondRead,
            audit,
            MappingMode.SEED,
            WritePolicy.OVERWRITE,
            movingClock(now));

    Failed f =
        failed(
            service.sync(command().withWriteBy(Optional.of(NOW.plusSeconds(12)))),
            ErrorCode.HELPDESK_UNAVAILABLE);

    assertEquals(2, reads[0], "read again before the write");
    assertEquals("HTTP 502", f.cause().orElseThrow().getMessage(), "the read's failure");
    assertTrue(f.account().isPresent(), "billing's answer is kept for the agent");
    assertEquals("0138", f.account().get().contract());
    assertTrue(
        f.detail().startsWith("Баланс получен, но профиль клиента 31 не изменён"), f.detail());
    assertEquals(
        NOW.plusSeconds(12).minus(SyncCommand.MIN_WRITE_TIME),
        readBy[0],
        "the read again leaves the write its own time");
    assertEquals(0, customers.updates().size());
    assertEquals("Ivan", stored().firstName());
  }

  @Test
  void aFastLookupCostsNoSecondRead() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    int[] reads = {0};
    CustomerDirectory counting =
        new DelegatingCustomers(customers) {
          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            reads[0]++;
            return customers.find(id);
          }
        };

    // a lookup of half a second: under the one second after which a read is made again
    Instant[] now = {NOW};
    BillingDirectory halfASecond =
        new BillingDirectory() {
          @Override
          public List<BillingAccount> findByPhone(Phone phone) {
            now[0] = now[0].plusMillis(500);
            return billing.findByPhone(phone);
          }

          @Override
          public void ping() {}
        };
    Clock moving = movingClock(now);

    synced(
        new SyncCustomerService(
                halfASecond, counting, audit, MappingMode.SEED, WritePolicy.OVERWRITE, moving)
            .sync(command()));

    assertEquals(1, reads[0]);
  }

  @Test
  void aContractWithMarkupIsWrittenOnceAsFreeScoutStoresItNotOnEverySync() {
    // FreeScout strips tags from the fields it saves: a directory that stores what it is given
    // as FreeScout would (the in-memory one stores it as written)
    customers.put(customer("Ivan", null, null, "+79004445566"));
    CustomerDirectory stripping =
        new CustomerDirectory() {
          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            return customers.find(id);
          }

          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            ProfilePatch stored = ProfilePatch.empty();
            for (Map.Entry<ProfileField, String> e : patch.sets().entrySet()) {
              stored = stored.withSet(e.getKey(), StoredText.asStored(e.getValue()));
            }
            for (ProfileField f : patch.clears()) {
              stored = stored.withClear(f);
            }
            customers.update(id, stored);
          }

          @Override
          public CustomerPage list(PageQuery query) {
            return customers.list(query);
          }

          @Override
          public void ping() {}
        };
    BillingAccount tagged =
        new BillingAccount(
            "77\"<b>x</b>", TARAS_NAME, SOLYANOY_ADDRESS, "2024_SMiT", Money.rub("256.52"));
    billing.put(PHONE, tagged);
    SyncCustomerService service =
        new SyncCustomerService(
            billing,
            stripping,
            audit,
            MappingMode.SEED,
            WritePolicy.OVERWRITE,
            clock,
            null,
            s -> s == null ? ParsedName.UNKNOWN : NAMES.getOrDefault(s, ParsedName.UNKNOWN),
            s -> s == null ? ParsedAddress.EMPTY : ADDRESSES.getOrDefault(s, ParsedAddress.EMPTY));

    Synced first = synced(service.sync(command()));
    Synced second = synced(service.sync(command()));

    assertTrue(first.changes().contains(new FieldChange(ProfileField.COMPANY, null, "77\"x")));
    assertEquals("77\"x", stored().company());
    assertEquals(SyncStatus.UNCHANGED, second.status(), () -> second.changes().toString());
    assertEquals(1, customers.updates().size());
    assertEquals(first.changes().size(), audit.records().count());
    assertEquals(tagged, second.account(), "the agent still sees billing's own text");
  }

  @Test
  void anAuditRecordPerAppliedChangeIsWrittenBeforeTheCallReturns() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    List<String> events = new ArrayList<>();
    AuditTrail watching =
        new AuditTrail() {
          @Override
          public void append(List<AuditRecord> records) {
            events.add("audit after " + customers.updates().size() + " update(s)");
            audit.append(records);
          }

          @Override
          public Stream<AuditRecord> records() {
            return audit.records();
          }
        };

    SyncOutcome outcome =
        service(billing, watching, MappingMode.SEED, WritePolicy.OVERWRITE, null).sync(command());
    events.add("returned");

    assertEquals(List.of("audit after 1 update(s)", "returned"), events);
    List<AuditRecord> records = audit.records().toList();
    assertEquals(
        List.of(
            new AuditRecord(
                NOW, AGENT, REQUEST, ID, ProfileField.FIRST_NAME, "Ivan", "Тарас", "0138"),
            new AuditRecord(
                NOW, AGENT, REQUEST, ID, ProfileField.LAST_NAME, null, "Новичков", "0138"),
            new AuditRecord(NOW, AGENT, REQUEST, ID, ProfileField.COMPANY, null, "0138", "0138"),
            new AuditRecord(NOW, AGENT, REQUEST, ID, ProfileField.ZIP, null, "Соляной", "0138")),
        records);
    assertEquals(synced(outcome).changes().size(), records.size());
  }

  /**
   * FreeScout saves the PUT, then the answer is lost (a time-out, a 5xx after the save); {@code
   * findFails} makes the read after it fail too.
   */
  SyncCustomerService serviceWhoseWritesLandThenFail(boolean findFails) {
    java.util.concurrent.atomic.AtomicBoolean written =
        new java.util.concurrent.atomic.AtomicBoolean();
    CustomerDirectory landing =
        new CustomerDirectory() {
          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            if (findFails && written.get()) {
              throw new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "read timed out");
            }
            return customers.find(id);
          }

          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            customers.update(id, patch);
            written.set(true);
            throw new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "answer timed out");
          }

          @Override
          public ru.aidabilling.core.port.out.CustomerPage list(
              ru.aidabilling.core.port.out.PageQuery q) {
            return customers.list(q);
          }

          @Override
          public void ping() {}
        };
    return new SyncCustomerService(
        billing,
        landing,
        audit,
        MappingMode.SEED,
        WritePolicy.OVERWRITE,
        clock,
        null,
        s -> s == null ? ParsedName.UNKNOWN : NAMES.getOrDefault(s, ParsedName.UNKNOWN),
        s -> s == null ? ParsedAddress.EMPTY : ADDRESSES.getOrDefault(s, ParsedAddress.EMPTY));
  }

  @Test
  void aPutThatWasNeverSentIsNotReadAgainNorLoggedAsUncertain() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    java.util.concurrent.atomic.AtomicInteger finds =
        new java.util.concurrent.atomic.AtomicInteger();
    CustomerDirectory refusing =
        new DelegatingCustomers(customers) {
          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            finds.incrementAndGet();
            return super.find(id);
          }

          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            throw new UpstreamException(
                ErrorCode.HELPDESK_UNAVAILABLE, "connection refused", null, false);
          }
        };
    Failed f;
    List<java.util.logging.LogRecord> logged;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      f =
          failed(
              new SyncCustomerService(
                      billing, refusing, audit, MappingMode.SEED, WritePolicy.OVERWRITE, clock)
                  .sync(command()),
              ErrorCode.HELPDESK_UNAVAILABLE);
      logged = log.records();
    }
    assertEquals(1, finds.get(), "no read after a PUT that never left");
    assertEquals(List.of(), logged, "nothing uncertain to log");
    assertEquals(Optional.of(SEED), f.account(), "the balance is still shown");
    assertEquals(0, audit.records().count());
  }

  @Test
  void aPutSavedBeforeItsAnswerWasLostIsAnUpdateAndIsAudited() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);

    Synced s = synced(serviceWhoseWritesLandThenFail(false).sync(command()));

    assertEquals(SyncStatus.UPDATED, s.status(), "read again: FreeScout holds the values");
    assertEquals(s.changes().size(), audit.records().count(), "each change is in the audit log");
    assertTrue(
        audit
            .records()
            .anyMatch(r -> r.field() == ProfileField.FIRST_NAME && "Ivan".equals(r.oldValue())),
        "so undo can put Ivan back");
  }

  @Test
  void whenTheReadAfterALostAnswerFailsTooTheUncertainFieldsAreLogged() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    List<java.util.logging.LogRecord> logged;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      Failed f =
          failed(
              serviceWhoseWritesLandThenFail(true).sync(command()), ErrorCode.HELPDESK_UNAVAILABLE);
      assertTrue(f.detail().contains("неизвестно, сохранился ли профиль"), f.detail());
      logged = log.records();
    }
    assertEquals(0, audit.records().count());
    assertEquals(1, logged.size());
    assertEquals(java.util.logging.Level.SEVERE, logged.get(0).getLevel());
    assertTrue(logged.get(0).getMessage().contains("firstName"), logged.get(0).getMessage());
    assertTrue(logged.get(0).getMessage().contains("without an audit record"));
    assertTrue(logged.get(0).getMessage().contains("answer timed out"), "the PUT's failure");
    assertTrue(
        logged.get(0).getThrown().getMessage().contains("read timed out"), "the read's failure");
  }

  @Test
  void pastItsWriteByASyncWritesNothingAndSaysSoWithTheBalance() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);

    Failed late =
        failed(
            service()
                .sync(
                    command()
                        .withWriteBy(
                            Optional.of(NOW.plus(SyncCommand.MIN_WRITE_TIME).minusMillis(1)))),
            ErrorCode.DEADLINE_EXCEEDED);

    assertTrue(customers.updates().isEmpty(), "no write started");
    assertEquals(0, audit.records().count());
    assertEquals(Optional.of(SEED), late.account(), "the agent still sees the balance");
    assertTrue(late.detail().contains("ничего не изменено"), late.detail());

    Synced inTime =
        synced(
            service()
                .sync(command().withWriteBy(Optional.of(NOW.plus(SyncCommand.MIN_WRITE_TIME)))));
    assertEquals(
        SyncStatus.UPDATED, inTime.status(), "with the least write time left, the write starts");
  }

  @Test
  void theReadAfterALostAnswerIsBoundedByTheCommandsDeadlineToo() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    List<Instant> readEnds = new ArrayList<>();
    CustomerDirectory lost =
        new DelegatingCustomers(customers) {
          @Override
          public Optional<CustomerProfile> find(CustomerId id, Instant endBy) {
            readEnds.add(endBy);
            return super.find(id);
          }

          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            super.update(id, patch);
            throw new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "answer timed out");
          }
        };
    Instant end = NOW.plusSeconds(7);
    Synced s =
        synced(
            new SyncCustomerService(
                    billing, lost, audit, MappingMode.SEED, WritePolicy.OVERWRITE, clock)
                .sync(command().withWriteBy(Optional.of(end))));
    assertEquals(SyncStatus.UPDATED, s.status(), "read again: it landed");
    assertEquals(List.of(end.plus(SyncCustomerService.REREAD_TIME)), readEnds);
  }

  @Test
  void theWriteIsGivenItsEndSoTheAdapterCanFitItsTimeOuts() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    List<Instant> ends = new ArrayList<>();
    CustomerDirectory recording =
        new DelegatingCustomers(customers) {
          @Override
          public void update(CustomerId id, ProfilePatch patch, Instant endBy) {
            ends.add(endBy);
            super.update(id, patch, endBy);
          }
        };
    Instant end = NOW.plusSeconds(7);
    SyncCustomerService s =
        new SyncCustomerService(
            billing, recording, audit, MappingMode.SEED, WritePolicy.OVERWRITE, clock);

    assertEquals(
        SyncStatus.UPDATED, synced(s.sync(command().withWriteBy(Optional.of(end)))).status());
    assertEquals(List.of(end), ends);
  }

  @Test
  void anUnchangedProfileMakesNoUpdateCallAndNoAuditRecord() {
    customers.put(
        new CustomerProfile(
            ID,
            "Тарас",
            "Новичков",
            "0138",
            "Соляной",
            null,
            null,
            List.of("+79004445566"),
            List.of(),
            Instant.EPOCH));
    billing.put(PHONE, SEED);

    Synced s = synced(service().sync(command()));

    assertEquals(SyncStatus.UNCHANGED, s.status());
    assertEquals(List.of(), s.changes());
    assertEquals(List.of(), customers.updates());
    assertEquals(0, audit.records().count());
  }

  @Test
  void aDryRunReportsTheChangesButMakesNoUpdateCall() {
    CustomerProfile before = customer("Ivan", null, null, "+79004445566");
    customers.put(before);
    billing.put(PHONE, SEED);

    Synced s = synced(service().sync(dryRun()));

    assertEquals(SyncStatus.DRY_RUN, s.status());
    assertEquals(4, s.changes().size());
    assertEquals(new FieldChange(ProfileField.FIRST_NAME, "Ivan", "Тарас"), s.changes().get(0));
    assertEquals(List.of(), customers.updates());
    assertEquals(before, stored());
    assertEquals(0, audit.records().count());
  }

  @Test
  void aSecondSyncIsUnchanged() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    service().sync(command());

    Synced again = synced(service().sync(command()));

    assertEquals(SyncStatus.UNCHANGED, again.status());
    assertEquals(1, customers.updates().size());
  }

  // ------------------------------------------------------------------ mapping rules

  @Test
  void aBlankBillingFieldNeverClearsAProfileField() {
    customers.put(
        new CustomerProfile(
            ID,
            "Ivan",
            "Ivanov",
            "old",
            "Zip",
            "City",
            "Street",
            List.of("+79004445566"),
            List.of(),
            Instant.EPOCH));
    billing.put(PHONE, new BillingAccount("   ", "", " ", null, Money.rub("1")));

    Synced s = synced(service(MappingMode.FULL, WritePolicy.OVERWRITE).sync(command()));

    assertEquals(SyncStatus.UNCHANGED, s.status());
    assertEquals(List.of(), customers.updates());
    assertEquals("Ivanov", stored().lastName());
  }

  @Test
  void anOrganisationSetsFirstNameAndClearsLastName() {
    customers.put(customer("Ivan", "Ivanov", null, "+79004445566"));
    billing.put(PHONE, new BillingAccount("0512", ROMASHKA, null, "Офис", Money.rub("10")));

    Synced s = synced(service().sync(command()));

    assertEquals(
        List.of(
            new FieldChange(ProfileField.FIRST_NAME, "Ivan", ROMASHKA),
            new FieldChange(ProfileField.LAST_NAME, "Ivanov", null),
            new FieldChange(ProfileField.COMPANY, null, "0512")),
        s.changes());
    ProfilePatch sent = customers.updates().get(0).patch();
    assertEquals(Set.of(ProfileField.LAST_NAME), sent.clears());
    assertEquals(ROMASHKA, stored().firstName());
    assertEquals(null, stored().lastName());
    assertTrue(
        audit
            .records()
            .anyMatch(
                r ->
                    r.field() == ProfileField.LAST_NAME
                        && "Ivanov".equals(r.oldValue())
                        && r.newValue() == null),
        "the clear is audited");
  }

  @Test
  void anOrganisationUnderFillEmptyNeverClears() {
    customers.put(customer(null, "Ivanov", null, "+79004445566"));
    billing.put(PHONE, new BillingAccount("0512", ROMASHKA, null, "Офис", Money.rub("10")));

    Synced s = synced(service(MappingMode.SEED, WritePolicy.FILL_EMPTY).sync(command()));

    assertEquals(
        List.of(
            new FieldChange(ProfileField.FIRST_NAME, null, ROMASHKA),
            new FieldChange(ProfileField.COMPANY, null, "0512")),
        s.changes());
    assertEquals("Ivanov", stored().lastName());
  }

  @Test
  void anUnparseableNameChangesNoNameField() {
    customers.put(customer("Ivan", "Ivanov", null, "+79004445566"));
    billing.put(PHONE, new BillingAccount("0600", JUNK_NAME, SOLYANOY_ADDRESS, null, null));

    Synced s = synced(service().sync(command()));

    assertEquals(ParsedName.Kind.UNKNOWN, s.name().kind());
    assertEquals(
        List.of(
            new FieldChange(ProfileField.COMPANY, null, "0600"),
            new FieldChange(ProfileField.ZIP, null, "Соляной")),
        s.changes());
    assertEquals("Ivan", stored().firstName());
    assertEquals("Ivanov", stored().lastName());
  }

  @Test
  void fillEmptyWritesOnlyEmptyFields() {
    customers.put(customer("Ivan", null, "400000", "+79004445566"));
    billing.put(PHONE, SEED);

    Synced s = synced(service(MappingMode.SEED, WritePolicy.FILL_EMPTY).sync(command()));

    assertEquals(
        List.of(
            new FieldChange(ProfileField.LAST_NAME, null, "Новичков"),
            new FieldChange(ProfileField.COMPANY, null, "0138")),
        s.changes());
    assertEquals("Ivan", stored().firstName());
    assertEquals("400000", stored().zip());
  }

  @Test
  void theCommandsPolicyWinsOverTheServicesDefault() {
    customers.put(customer("Ivan", null, "400000", "+79004445566"));
    billing.put(PHONE, SEED);
    SyncCommand fillEmpty =
        new SyncCommand(
            ID,
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.of(WritePolicy.FILL_EMPTY),
            AGENT,
            REQUEST,
            false);

    Synced s = synced(service().sync(fillEmpty));

    assertEquals(2, s.changes().size());
    assertEquals("Ivan", stored().firstName());
  }

  @Test
  void fullMappingWritesCityStreetLineAndPostcode() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, new BillingAccount("0700", TARAS_NAME, MIRA_ADDRESS, null, null));

    Synced s = synced(service(MappingMode.FULL, WritePolicy.OVERWRITE).sync(command()));

    assertEquals(SyncStatus.UPDATED, s.status());
    CustomerProfile now = stored();
    assertEquals("Волжский", now.city());
    assertEquals("улица Мира 15, кв. 3", now.address());
    assertEquals("404130", now.zip());
    assertEquals("0700", now.company());
  }

  @Test
  void fullMappingWithoutAPostcodeLeavesTheZipUntouched() {
    customers.put(customer("Тарас", "Новичков", "400000", "+79004445566"));
    billing.put(PHONE, SEED);

    Synced s = synced(service(MappingMode.FULL, WritePolicy.OVERWRITE).sync(command()));

    assertEquals(
        List.of(
            new FieldChange(ProfileField.COMPANY, null, "0138"),
            new FieldChange(ProfileField.CITY, null, "Соляной"),
            new FieldChange(ProfileField.ADDRESS, null, "Набережная 8/1")),
        s.changes());
    assertEquals("400000", stored().zip());
  }

  @Test
  void theZipIsCutToTwelveCharactersAndAResyncIsUnchanged() {
    customers.put(customer("Тарас", "Новичков", null, "+79004445566"));
    billing.put(PHONE, new BillingAccount("0138", TARAS_NAME, LONG_ADDRESS, null, null));

    Synced first = synced(service().sync(command()));
    Synced second = synced(service().sync(command()));

    assertTrue(first.changes().contains(new FieldChange(ProfileField.ZIP, null, "Красноармейс")));
    assertEquals("Красноармейс", stored().zip());
    assertEquals(SyncStatus.UNCHANGED, second.status());
  }

  // ------------------------------------------------------------------ customer and phones

  @Test
  void anUnknownCustomerIsCustomerNotFound() {
    Failed f = failed(service().sync(command()), ErrorCode.CUSTOMER_NOT_FOUND);

    assertEquals("Клиент 31 не найден в FreeScout", f.detail());
    assertEquals(0, billing.lookups());
  }

  @Test
  void aCustomerWithoutAUsablePhoneIsNoPhone() {
    customers.put(customer("Ivan", null, null, "нет", "+1 555 123 4567", "12345"));

    Failed f = failed(service().sync(command()), ErrorCode.NO_PHONE);

    assertTrue(f.detail().contains("31"), f.detail());
    assertEquals(0, billing.lookups());
  }

  @Test
  void aCustomerWithNoPhonesAtAllIsNoPhone() {
    customers.put(customer("Ivan", null, null));

    failed(service().sync(command()), ErrorCode.NO_PHONE);
  }

  @Test
  void aPhoneThatIsNotOnTheProfileIsRefused() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(OTHER_PHONE, SEED);

    Failed f = failed(service().sync(withPhone(OTHER_PHONE)), ErrorCode.PHONE_NOT_ON_CUSTOMER);

    assertEquals("Телефон +79001234567 не указан в профиле клиента 31", f.detail());
    assertEquals(List.of(), customers.updates());
  }

  @Test
  void forcePhoneUsesAPhoneThatIsNotOnTheProfile() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(OTHER_PHONE, SEED);
    SyncCommand forced =
        new SyncCommand(
            ID,
            Optional.of(OTHER_PHONE),
            Optional.empty(),
            false,
            Optional.empty(),
            AGENT,
            REQUEST,
            true);

    Synced s = synced(service().sync(forced));

    assertEquals(OTHER_PHONE, s.phone());
    assertEquals(SyncStatus.UPDATED, s.status());
    assertEquals(1, billing.lookups());
  }

  @Test
  void aGivenPhoneMatchesTheProfileWhateverWayItIsWrittenThere() {
    customers.put(customer("Ivan", null, null, "8 (900) 444-55-66"));
    billing.put(PHONE, SEED);

    Synced s = synced(service().sync(withPhone(PHONE)));

    assertEquals(PHONE, s.phone());
  }

  @Test
  void aGivenPhoneIsTheOnlyOneLookedUp() {
    customers.put(customer("Ivan", null, null, "+79001234567", "+79004445566"));
    billing.put(OTHER_PHONE, SEED);

    Failed f = failed(service().sync(withPhone(PHONE)), ErrorCode.NOT_IN_BILLING);

    assertEquals("Клиент с телефоном +79004445566 не найден в биллинге", f.detail());
    assertEquals(1, billing.lookups());
  }

  @Test
  void candidatePhonesAreTriedInProfileOrderUntilOneIsInBilling() {
    customers.put(customer("Ivan", null, null, "+79001234567", "8 900 444 55 66", "+79009998877"));
    billing.put(PHONE, SEED);

    Synced s = synced(service().sync(command()));

    assertEquals(PHONE, s.phone());
    assertEquals(2, billing.lookups());
  }

  @Test
  void theSamePhoneWrittenTwiceIsLookedUpOnce() {
    customers.put(customer("Ivan", null, null, "+79001234567", "8 (900) 123-45-67", "junk"));

    failed(service().sync(command()), ErrorCode.NOT_IN_BILLING);

    assertEquals(1, billing.lookups());
  }

  @Test
  void noPhoneInBillingIsNotInBillingNamingTheFirstPhone() {
    customers.put(customer("Ivan", null, null, "+79001234567", "+79004445566"));

    Failed f = failed(service().sync(command()), ErrorCode.NOT_IN_BILLING);

    assertEquals("Клиент с телефоном +79001234567 не найден в биллинге", f.detail());
    assertEquals(2, billing.lookups());
    assertEquals(List.of(), customers.updates());
  }

  // ------------------------------------------------------------------ several accounts

  static final BillingAccount SECOND =
      new BillingAccount("0512", ROMASHKA, MIRA_ADDRESS, "Офис", Money.rub("-1250.50"));

  @Test
  void severalAccountsWithoutAContractAreAmbiguousListingEachCandidate() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED, SECOND, SEED);

    Failed f = failed(service().sync(command()), ErrorCode.AMBIGUOUS);

    assertEquals(List.of(SEED, SECOND), f.candidates());
    assertEquals(
        "Найдено 2 счёта в биллинге для телефона +79004445566, выберите договор", f.detail());
    assertEquals(List.of(), customers.updates());
  }

  @Test
  void theSameAccountListedTwiceIsNotAmbiguous() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    BillingAccount sameContract =
        new BillingAccount("0138", TARAS_NAME, null, "other tariff", Money.rub("1"));
    billing.put(PHONE, SEED, sameContract);

    Synced s = synced(service().sync(command()));

    assertEquals(SEED, s.account());
  }

  @Test
  void aContractPicksOneOfSeveralAccounts() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED, SECOND);

    Synced s = synced(service().sync(withContract("0512")));

    assertEquals(SECOND, s.account());
    assertEquals(ROMASHKA, stored().firstName());
    assertEquals("0512", stored().company());
  }

  @Test
  void aContractMatchingNoneIsContractNotFound() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED, SECOND);

    Failed f = failed(service().sync(withContract("0999")), ErrorCode.CONTRACT_NOT_FOUND);

    assertEquals(
        "Договор 0999 не найден среди счетов телефона +79004445566 в биллинге", f.detail());
    assertEquals(List.of(), customers.updates());
  }

  @Test
  void aContractOtherThanTheOnlyAccountsIsContractNotFound() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);

    failed(service().sync(withContract("0512")), ErrorCode.CONTRACT_NOT_FOUND);
  }

  @Test
  void aContractMatchingTheOnlyAccountSyncs() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);

    assertEquals(SEED, synced(service().sync(withContract(" 0138 "))).account());
  }

  // ------------------------------------------------------------------ upstream failures

  @ParameterizedTest
  @EnumSource(
      value = ErrorCode.class,
      names = {"BILLING_UNAVAILABLE", "DEADLINE_EXCEEDED", "CONFIGURATION"})
  void aBillingFailureKeepsItsCodeAndWritesNothing(ErrorCode code) {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.failWith(new UpstreamException(code, "set AIDA_BILLING_URL"));

    Failed f = failed(service().sync(command()), code);

    assertTrue(f.detail().contains("Биллинг") || f.detail().contains("биллинг"), f.detail());
    assertEquals(code == ErrorCode.CONFIGURATION, f.detail().contains("AIDA_BILLING_URL"));
    assertEquals(List.of(), customers.updates());
    assertEquals(0, audit.records().count());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  "})
  void aConfigurationFailureWithoutAMessageEndsTheDetailWithoutIt(String message) {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.failWith(new UpstreamException(ErrorCode.CONFIGURATION, message));

    assertEquals(
        "Ошибка настройки связи с биллингом, обратитесь к администратору",
        failed(service().sync(command()), ErrorCode.CONFIGURATION).detail());

    billing.put(PHONE, SEED);
    billing.failWith(null);
    customers.failWritesWith(new UpstreamException(ErrorCode.CONFIGURATION, message));
    assertEquals(
        "Баланс получен, но профиль клиента 31 не удалось сохранить в FreeScout: ошибка настройки"
            + " связи с FreeScout, обратитесь к администратору",
        failed(service().sync(command()), ErrorCode.CONFIGURATION).detail());
  }

  @Test
  void aBillingFailureOnALaterPhoneStopsTheSearch() {
    customers.put(customer("Ivan", null, null, "+79001234567", "+79004445566"));
    BillingDirectory failingSecond =
        new BillingDirectory() {
          @Override
          public List<BillingAccount> findByPhone(Phone phone) {
            if (phone.equals(PHONE)) {
              throw new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "HTTP 502");
            }
            return List.of();
          }

          @Override
          public void ping() {}
        };

    failed(
        service(failingSecond, audit, MappingMode.SEED, WritePolicy.OVERWRITE, null)
            .sync(command()),
        ErrorCode.BILLING_UNAVAILABLE);
  }

  @Test
  void aFreeScoutReadFailureKeepsItsCode() {
    customers.failReadsWith(new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 503"));

    Failed f = failed(service().sync(command()), ErrorCode.HELPDESK_UNAVAILABLE);

    assertTrue(f.detail().contains("FreeScout"), f.detail());
    assertEquals(Optional.empty(), f.account());
  }

  @Test
  void aHelpdeskWriteFailureCarriesTheAccountFound() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    customers.failWritesWith(new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 500"));

    Failed f = failed(service().sync(command()), ErrorCode.HELPDESK_UNAVAILABLE);

    assertEquals(Optional.of(SEED), f.account());
    assertEquals("256.52", f.account().orElseThrow().balance().plain());
    assertTrue(f.detail().startsWith("Баланс получен"), f.detail());
    assertEquals(0, audit.records().count(), "nothing applied, nothing audited");
  }

  @ParameterizedTest
  @EnumSource(
      value = ErrorCode.class,
      names = {"CONFIGURATION", "DEADLINE_EXCEEDED", "CUSTOMER_NOT_FOUND"})
  void otherWriteFailuresKeepTheirCodeAndTheAccount(ErrorCode code) {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    customers.failWritesWith(new UpstreamException(code, "AIDA_FREESCOUT_API_KEY refused"));

    Failed f = failed(service().sync(command()), code);

    assertEquals(Optional.of(SEED), f.account());
  }

  @Test
  void anAuditLogThatCouldNotTakeARecordStopsTheWriteBeforeFreeScout() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    AuditTrail replaced =
        new AuditTrail() {
          @Override
          public void checkCanRecord() {
            throw new UncheckedIOException(
                "cannot write the audit log /var/lib/a.jsonl: permission denied",
                new IOException("permission denied"));
          }

          @Override
          public void append(List<AuditRecord> records) {
            throw new AssertionError("nothing to record: nothing was written");
          }

          @Override
          public Stream<AuditRecord> records() {
            return Stream.empty();
          }
        };

    Failed f;
    List<LogRecord> logged;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      f =
          failed(
              service(billing, replaced, MappingMode.SEED, WritePolicy.OVERWRITE, null)
                  .sync(command()),
              ErrorCode.CONFIGURATION);
      logged = log.records();
    }

    assertTrue(f.detail().contains("не изменён"), f.detail());
    assertFalse(f.detail().contains("/var/lib"), "the file is the administrator's: " + f.detail());
    assertTrue(
        f.cause().orElseThrow().getMessage().contains("/var/lib/a.jsonl: permission denied"),
        "the embedder gets the trail's own exception");
    assertEquals(1, logged.size());
    assertTrue(logged.get(0).getMessage().contains("permission denied"), logged.toString());
    assertTrue(logged.get(0).getMessage().contains(REQUEST.value()), logged.toString());
    assertEquals(List.of(), customers.updates(), "FreeScout untouched");
    assertEquals(Optional.of(SEED), f.account(), "the balance is still shown");
    assertEquals(
        SyncStatus.DRY_RUN,
        ((Synced)
                service(billing, replaced, MappingMode.SEED, WritePolicy.OVERWRITE, null)
                    .sync(command().asDryRun()))
            .status(),
        "a dry run needs no log");
  }

  @Test
  void anAuditFailureAfterTheUpdateIsInternalAndSaysTheProfileWasUpdated() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    AuditTrail broken = new DiskFullAuditTrail("disk full", Stream::empty);

    List<LogRecord> logged;
    Failed f;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      f =
          failed(
              service(billing, broken, MappingMode.SEED, WritePolicy.OVERWRITE, null)
                  .sync(command()),
              ErrorCode.INTERNAL);
      logged = log.records();
    }

    assertTrue(f.detail().contains("обновлён"), f.detail());
    assertTrue(f.detail().contains(REQUEST.value()), f.detail());
    assertFalse(f.detail().contains("disk full"), f.detail());
    assertEquals(
        "java.io.IOException: disk full",
        f.cause().orElseThrow().getMessage(),
        "the embedder gets the append's exception");
    assertEquals("Тарас", stored().firstName(), "the update itself went through");
    assertEquals(
        Optional.of(SEED), f.account(), "billing answered: the agent keeps the balance they asked");
    assertEquals(List.of(), f.candidates());
    assertEquals(1, logged.size(), "the administrator learns what the log is missing");
    LogRecord r = logged.get(0);
    assertEquals(Level.SEVERE, r.getLevel());
    assertTrue(r.getMessage().contains(REQUEST.value()), r.getMessage());
    assertTrue(r.getMessage().contains("customer " + ID), r.getMessage());
    assertTrue(
        r.getMessage().contains("(firstName, lastName, company, zip)"),
        "names the fields written: " + r.getMessage());
    assertTrue(r.getThrown().getMessage().contains("disk full"), r.getThrown().getMessage());
  }

  @Test
  void anUnexpectedExceptionIsInternalWithoutItsDetails() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    BillingDirectory buggy =
        new BillingDirectory() {
          @Override
          public List<BillingAccount> findByPhone(Phone phone) {
            throw new IllegalStateException("secret stack detail for +7 900 444-55-66");
          }

          @Override
          public void ping() {}
        };

    List<LogRecord> logged;
    Failed f;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      f =
          failed(
              service(buggy, audit, MappingMode.SEED, WritePolicy.OVERWRITE, null).sync(command()),
              ErrorCode.INTERNAL);
      logged = log.records();
    }

    assertFalse(f.detail().contains("secret"), f.detail());
    assertTrue(f.detail().contains(REQUEST.value()), f.detail());
    assertEquals(
        "secret stack detail for +7 900 444-55-66",
        f.cause().orElseThrow().getMessage(),
        "the embedder gets the exception itself, unmasked");
    assertInstanceOf(IllegalStateException.class, f.cause().get());
    assertEquals(1, logged.size(), "the request id of the answer leads to the cause in the log");
    LogRecord r = logged.get(0);
    assertEquals(Level.SEVERE, r.getLevel());
    assertTrue(r.getMessage().contains(REQUEST.value()), r.getMessage());
    String thrown = r.getThrown().getMessage();
    assertTrue(thrown.startsWith("java.lang.IllegalStateException: secret stack detail"), thrown);
    assertFalse(thrown.contains("444-55"), "a phone in the text is masked: " + thrown);
    assertTrue(thrown.endsWith("+* *** ***-**-66"), thrown);
    assertTrue(
        r.getThrown().getStackTrace()[0].getMethodName().equals("findByPhone"),
        "the stack is the original one");
  }

  // ------------------------------------------------------------------ the cause, for embedders

  @Test
  void anUpstreamFailureIsTheCauseOfTheOutcomeThatTheAgentsDetailLeavesOut() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    UpstreamException lookup =
        new UpstreamException(
            ErrorCode.BILLING_UNAVAILABLE,
            "Биллинг недоступен: он ответил ошибкой HTTP 500.",
            new IOException("connection reset"));
    billing.failWith(lookup);

    Failed f = failed(service().sync(command()), ErrorCode.BILLING_UNAVAILABLE);

    assertSame(lookup, f.cause().orElseThrow());
    assertEquals("Биллинг недоступен, попробуйте ещё раз позже", f.detail());

    billing.failWith(null);
    billing.put(PHONE, SEED);
    UpstreamException read = new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 503");
    customers.failReadsWith(read);
    assertSame(
        read,
        failed(service().sync(command()), ErrorCode.HELPDESK_UNAVAILABLE).cause().orElseThrow());

    customers.failReadsWith(null);
    UpstreamException write =
        new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "FreeScout ответил ошибкой HTTP 500");
    customers.failWritesWith(write);
    Failed written = failed(service().sync(command()), ErrorCode.HELPDESK_UNAVAILABLE);
    assertSame(write, written.cause().orElseThrow());
    assertFalse(written.detail().contains("HTTP 500"), written.detail());
  }

  @Test
  void aFailureThatIsAnAnswerHasNoCause() {
    assertEquals(
        Optional.empty(), failed(service().sync(command()), ErrorCode.CUSTOMER_NOT_FOUND).cause());
    customers.put(customer("Ivan", null, null, "+79004445566"));
    assertEquals(
        Optional.empty(), failed(service().sync(command()), ErrorCode.NOT_IN_BILLING).cause());
  }

  // ------------------------------------------------------------------ side by side

  @Test
  void withAnExecutorTheCustomerReadAndTheLookupRunSideBySide() throws Exception {
    CountDownLatch readStarted = new CountDownLatch(1);
    CountDownLatch lookupStarted = new CountDownLatch(1);
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    BillingDirectory waitsForTheRead =
        new BillingDirectory() {
          @Override
          public List<BillingAccount> findByPhone(Phone phone) {
            lookupStarted.countDown();
            await(readStarted);
            return billing.findByPhone(phone);
          }

          @Override
          public void ping() {}
        };
    InMemoryCustomerDirectory plain = customers;
    CustomerDirectory waitsForTheLookup =
        new DelegatingCustomers(plain) {
          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            readStarted.countDown();
            await(lookupStarted);
            return super.find(id);
          }
        };
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      SyncCustomerService s =
          new SyncCustomerService(
              waitsForTheRead,
              waitsForTheLookup,
              audit,
              MappingMode.SEED,
              WritePolicy.OVERWRITE,
              clock,
              pool);

      Synced result = synced(s.sync(withPhone(PHONE)));

      assertEquals(SyncStatus.UPDATED, result.status());
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aLookupRunAsideIsDiscardedWhenThePhoneIsNotOnTheProfile() throws Exception {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(OTHER_PHONE, SEED);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      SyncOutcome outcome =
          service(billing, audit, MappingMode.SEED, WritePolicy.OVERWRITE, pool)
              .sync(withPhone(OTHER_PHONE));

      failed(outcome, ErrorCode.PHONE_NOT_ON_CUSTOMER);
      assertEquals(List.of(), customers.updates());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBillingFailureRunAsideKeepsItsCode() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.failWith(new UpstreamException(ErrorCode.DEADLINE_EXCEEDED, "5 s"));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      failed(
          service(billing, audit, MappingMode.SEED, WritePolicy.OVERWRITE, pool)
              .sync(withPhone(PHONE)),
          ErrorCode.DEADLINE_EXCEEDED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRejectingExecutorFallsBackToTheCallersThread() {
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    AtomicInteger offered = new AtomicInteger();
    Executor full =
        task -> {
          offered.incrementAndGet();
          throw new RejectedExecutionException("queue full");
        };

    Synced s =
        synced(
            service(billing, audit, MappingMode.SEED, WritePolicy.OVERWRITE, full)
                .sync(withPhone(PHONE)));

    assertEquals(SyncStatus.UPDATED, s.status());
    assertEquals(1, offered.get());
    assertEquals(1, billing.lookups());
  }

  // ------------------------------------------------------------------ aside only when it pays

  /** Billing and FreeScout that take the given time on {@link #nanos}; counts hand-offs. */
  final class Timed {
    final AtomicLong nanos = new AtomicLong();
    volatile Duration read;
    volatile Duration lookup;

    /** Whether the read, the lookup fails after its time (a time-out, a 502 after a while). */
    volatile boolean readFails;

    volatile boolean lookupFails;
    final AsideRule rule = new AsideRule(nanos::get, AsideRule.DEFAULT_THRESHOLD);
    final AtomicInteger offered = new AtomicInteger();
    final List<Thread> lookedUpOn = new ArrayList<>();
    final Thread caller = Thread.currentThread();
    final SyncCustomerService service;

    Timed(Duration read, Duration lookup) {
      this.read = read;
      this.lookup = lookup;
      customers.put(customer("Ivan", null, null, "+79004445566"));
      billing.put(PHONE, SEED);
      BillingDirectory timedBilling =
          new BillingDirectory() {
            @Override
            public List<BillingAccount> findByPhone(Phone phone) {
              lookedUpOn.add(Thread.currentThread());
              nanos.addAndGet(Timed.this.lookup.toNanos());
              if (lookupFails) {
                throw new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "answer timed out");
              }
              return billing.findByPhone(phone);
            }

            @Override
            public void ping() {}
          };
      CustomerDirectory timedCustomers =
          new DelegatingCustomers(customers) {
            @Override
            public Optional<CustomerProfile> find(CustomerId id) {
              nanos.addAndGet(Timed.this.read.toNanos());
              if (readFails) {
                throw new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "answer timed out");
              }
              return super.find(id);
            }
          };
      Executor counting =
          task -> {
            offered.incrementAndGet();
            // another thread, as in the apps, but run to its end here: the fake clock's steps
            // come in a fixed order
            Thread aside = new Thread(task, "test-aside");
            aside.start();
            try {
              aside.join();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
          };
      service =
          new SyncCustomerService(
              timedBilling,
              timedCustomers,
              audit,
              MappingMode.SEED,
              WritePolicy.OVERWRITE,
              clock,
              counting,
              rule);
    }

    /** Syncs n times; each must succeed. */
    void sync(int n) {
      for (int i = 0; i < n; i++) {
        synced(service.sync(withPhone(PHONE)));
      }
    }
  }

  @Test
  void fastUpstreamsAreCalledOneAfterTheOtherOnTheCallersThreadOnceSeen() {
    Timed t = new Timed(Duration.ofMillis(1), Duration.ofMillis(1));

    t.sync(5);
    assertEquals(5, t.offered.get()); // the first syncs as before: assumed slow
    t.lookedUpOn.clear();
    t.sync(50);

    assertEquals(5, t.offered.get());
    assertEquals(Collections.nCopies(50, t.caller), t.lookedUpOn);
  }

  @Test
  void slowUpstreamsStaySideBySide() {
    Timed t = new Timed(Duration.ofMillis(40), Duration.ofMillis(30));

    t.sync(60);

    assertEquals(60, t.offered.get());
    assertFalse(t.lookedUpOn.contains(t.caller));
  }

  @Test
  void oneFastUpstreamIsEnoughToStayInLine() {
    Timed t = new Timed(Duration.ofMillis(50), Duration.ofNanos(300_000));

    t.sync(60);

    assertEquals(5, t.offered.get());
  }

  @Test
  void upstreamsThatSlowDownGetTheOverlapBack() {
    Timed t = new Timed(Duration.ofMillis(1), Duration.ofMillis(1));
    t.sync(30);
    assertEquals(5, t.offered.get());

    t.read = Duration.ofMillis(20);
    t.lookup = Duration.ofMillis(20);
    t.sync(22); // the rule learns from the calls made in line: at most 22 of them
    int before = t.offered.get();
    t.sync(20);

    assertTrue(before > 5, "" + before);
    assertEquals(before + 20, t.offered.get());
  }

  @Test
  void callsThatFailCountWithTheTimeTheyTookSoATimeOutIsSlow() {
    Timed t = new Timed(Duration.ofMillis(1), Duration.ofMillis(1));
    t.sync(30);
    assertFalse(t.rule.pays());

    // FreeScout slow, billing timing out: each lookup fails after 30 ms, in line after the read
    t.read = Duration.ofMillis(40);
    t.lookup = Duration.ofMillis(30);
    t.lookupFails = true;
    for (int i = 0; i < 22; i++) {
      failed(t.service.sync(withPhone(PHONE)), ErrorCode.BILLING_UNAVAILABLE);
    }
    assertTrue(t.rule.slowLookups() >= AsideRule.AT_LEAST, "" + t.rule.slowLookups());
    assertTrue(t.rule.pays());

    // FreeScout timing out: the reads that failed after 40 ms count as slow too
    t.lookupFails = false;
    t.read = Duration.ofMillis(1);
    t.lookup = Duration.ofMillis(1);
    t.sync(30);
    assertTrue(t.rule.slowReads() < AsideRule.ONE / 4, "" + t.rule.slowReads());
    t.read = Duration.ofMillis(40);
    t.readFails = true;
    for (int i = 0; i < 22; i++) {
      failed(t.service.sync(withPhone(PHONE)), ErrorCode.HELPDESK_UNAVAILABLE);
    }
    assertTrue(t.rule.slowReads() >= AsideRule.AT_LEAST, "" + t.rule.slowReads());
  }

  @Test
  void withoutAnExecutorNothingIsTimed() {
    AtomicLong nanoReads = new AtomicLong();
    customers.put(customer("Ivan", null, null, "+79004445566"));
    billing.put(PHONE, SEED);
    SyncCustomerService s =
        new SyncCustomerService(
            billing,
            customers,
            audit,
            MappingMode.SEED,
            WritePolicy.OVERWRITE,
            clock,
            null,
            new AsideRule(nanoReads::incrementAndGet, AsideRule.DEFAULT_THRESHOLD));

    synced(s.sync(withPhone(PHONE)));

    assertEquals(0, nanoReads.get());
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other step never started: not run side by side");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A customer directory that passes every call on; tests override what they watch. */
  static class DelegatingCustomers implements CustomerDirectory {
    private final CustomerDirectory inner;

    DelegatingCustomers(CustomerDirectory inner) {
      this.inner = inner;
    }

    @Override
    public Optional<CustomerProfile> find(CustomerId id) {
      return inner.find(id);
    }

    @Override
    public void update(CustomerId id, ProfilePatch patch) {
      inner.update(id, patch);
    }

    @Override
    public CustomerPage list(PageQuery query) {
      return inner.list(query);
    }

    @Override
    public void ping() {
      inner.ping();
    }
  }
}
