package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.in.UndoCommand;
import ru.aidabilling.core.port.in.UndoReport;
import ru.aidabilling.core.port.in.UndoReport.Item;
import ru.aidabilling.core.port.in.UndoReport.Result;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.testing.CapturedLog;
import ru.aidabilling.core.testing.DiskFullAuditTrail;

class UndoServiceTest {
  static final CustomerId ID = CustomerId.of(31);
  static final CustomerId OTHER = CustomerId.of(32);
  static final Actor AGENT = new Actor("freescout-user:5 agent@example.com");
  static final Actor OPERATOR = Actor.operator("alice");
  static final RequestId SYNC_1 = new RequestId("SYNC1");
  static final RequestId SYNC_2 = new RequestId("SYNC2");
  static final RequestId UNDO = new RequestId("UNDO1");
  static final Instant T1 = Instant.parse("2026-01-10T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-01-12T10:00:00Z");
  static final Instant NOW = Instant.parse("2026-01-15T09:30:00Z");

  final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final UndoService service = new UndoService(audit, customers, Clock.fixed(NOW, ZoneOffset.UTC));

  static CustomerProfile profile(
      CustomerId id, String first, String last, String company, String zip) {
    return new CustomerProfile(
        id, first, last, company, zip, null, null, List.of("+79004445566"), List.of(), T1);
  }

  static AuditRecord change(
      Instant time, RequestId request, CustomerId id, ProfileField field, String old, String nu) {
    return new AuditRecord(time, AGENT, request, id, field, old, nu, "0138");
  }

  static UndoCommand byRequest(RequestId request, boolean dryRun) {
    return new UndoCommand(
        Optional.empty(), Optional.empty(), Optional.of(request), dryRun, OPERATOR, UNDO);
  }

  static UndoCommand byCustomer(CustomerId id, Instant since) {
    return new UndoCommand(
        Optional.of(id), Optional.ofNullable(since), Optional.empty(), false, OPERATOR, UNDO);
  }

  /** The seed sync: Ivan/Ivanov/no company/no zip → Тарас/Новичков/0138/Соляной. */
  void seedSyncApplied() {
    customers.put(profile(ID, "Тарас", "Новичков", "0138", "Соляной"));
    audit.append(
        List.of(
            change(T1, SYNC_1, ID, ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            change(T1, SYNC_1, ID, ProfileField.LAST_NAME, "Ivanov", "Новичков"),
            change(T1, SYNC_1, ID, ProfileField.COMPANY, null, "0138"),
            change(T1, SYNC_1, ID, ProfileField.ZIP, null, "Соляной")));
  }

  CustomerProfile stored(CustomerId id) {
    return customers.get(id).orElseThrow();
  }

  /** A trail that can only be read by selection: reading every record is what undo must not do. */
  final class SelectingOnlyTrail implements AuditTrail {
    int fullReads;

    @Override
    public void append(List<AuditRecord> records) {
      audit.append(records);
    }

    @Override
    public Stream<AuditRecord> records() {
      fullReads++;
      return audit.records();
    }

    @Override
    public Stream<AuditRecord> recordsOf(CustomerId customer) {
      return audit.records().filter(r -> r.customerId().equals(customer));
    }

    @Override
    public Stream<AuditRecord> recordsOf(RequestId request) {
      return audit.records().filter(r -> r.requestId().equals(request));
    }
  }

  @Test
  void undoAsksTheTrailForTheSelectedRecordsInsteadOfReadingEveryOne() {
    seedSyncApplied();
    audit.append(List.of(change(T2, SYNC_2, OTHER, ProfileField.FIRST_NAME, "Пётр", "Павел")));
    SelectingOnlyTrail trail = new SelectingOnlyTrail();
    UndoService selecting = new UndoService(trail, customers, Clock.fixed(NOW, ZoneOffset.UTC));

    UndoReport byCustomer = selecting.undo(byCustomer(ID, T1).asDryRun());
    UndoReport byRequest = selecting.undo(byRequest(SYNC_1, true));

    assertEquals(4, byCustomer.items().size());
    assertEquals(byCustomer.items(), byRequest.items());
    assertEquals(0, trail.fullReads);
  }

  @Test
  void twoWritesOfAFieldAppendedOutOfOrderAreUndoneInTheOrderOfTheirTimes() {
    customers.put(profile(ID, "Пётр", "Новичков", "0138", "Соляной"));
    // The second write (T2) reached the file before the first (T1).
    audit.append(List.of(change(T2, SYNC_2, ID, ProfileField.FIRST_NAME, "Тарас", "Пётр")));
    audit.append(List.of(change(T1, SYNC_1, ID, ProfileField.FIRST_NAME, "Ivan", "Тарас")));

    service.undo(byCustomer(ID, null));

    assertEquals("Ivan", stored(ID).firstName());
  }

  @Test
  void linesOfTheAuditFileWrittenWithShortFractionsAreUndoneInTheOrderOfTheirTimes(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    // Lines written before times had a fixed width: a whole second has no fraction, and the write
    // later in that second reached the file first.
    String lines =
        line("2026-01-10T10:00:00.25Z", "SYNC2", "Тарас", "Пётр")
            + line("2026-01-10T10:00:00Z", "SYNC1", "Ivan", "Тарас");
    java.nio.file.Path since = java.nio.file.Files.writeString(dir.resolve("since.jsonl"), lines);
    java.nio.file.Path all = java.nio.file.Files.writeString(dir.resolve("all.jsonl"), lines);

    customers.put(profile(ID, "Пётр", "Новичков", "0138", "Соляной"));
    fromFile(since).undo(byCustomer(ID, Instant.parse("2026-01-10T10:00:00.1Z")));
    assertEquals("Тарас", stored(ID).firstName(), "--since takes only the later write");

    customers.put(profile(ID, "Пётр", "Новичков", "0138", "Соляной"));
    fromFile(all).undo(byCustomer(ID, null));
    assertEquals("Ivan", stored(ID).firstName(), "both, the later one first");
  }

  private UndoService fromFile(java.nio.file.Path file) {
    return new UndoService(
        new ru.aidabilling.core.audit.JsonlAuditTrail(file),
        customers,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static String line(String time, String request, String old, String nu) {
    return "{\"time\":\""
        + time
        + "\",\"actor\":\"webhook\",\"requestId\":\""
        + request
        + "\",\"customerId\":31,\"field\":\"firstName\",\"old\":\""
        + old
        + "\",\"new\":\""
        + nu
        + "\",\"contract\":\"0138\"}\n";
  }

  @Test
  void undoingARequestPutsBackTheOldValuesInOneUpdate() {
    seedSyncApplied();

    UndoReport report = service.undo(byRequest(SYNC_1, false));

    assertEquals(
        List.of(
            new Item(ID, ProfileField.FIRST_NAME, "Ivan", "Тарас", Result.RESTORED, null),
            new Item(ID, ProfileField.LAST_NAME, "Ivanov", "Новичков", Result.RESTORED, null),
            new Item(ID, ProfileField.COMPANY, null, "0138", Result.RESTORED, null),
            new Item(ID, ProfileField.ZIP, null, "Соляной", Result.RESTORED, null)),
        report.items());
    assertEquals(profile(ID, "Ivan", "Ivanov", null, null), stored(ID));
    assertEquals(1, customers.updates().size());
    ProfilePatch sent = customers.updates().get(0).patch();
    assertEquals(Set.of(ProfileField.COMPANY, ProfileField.ZIP), sent.clears());
    assertFalse(report.anyFailed());
  }

  @Test
  void anAuditLogThatCouldNotTakeTheRestoresRecordStopsItBeforeFreeScout() {
    seedSyncApplied();
    AuditTrail replaced =
        new AuditTrail() {
          @Override
          public void checkCanRecord() {
            throw new UncheckedIOException(
                "cannot write the audit log a.jsonl: permission denied",
                new IOException("permission denied"));
          }

          @Override
          public void append(List<AuditRecord> records) {
            audit.append(records);
          }

          @Override
          public Stream<AuditRecord> records() {
            return audit.records();
          }
        };
    int before = customers.updates().size();

    UndoReport report =
        new UndoService(replaced, customers, Clock.fixed(NOW, ZoneOffset.UTC))
            .undo(byRequest(SYNC_1, false));

    assertEquals(before, customers.updates().size(), "FreeScout untouched");
    assertTrue(
        report.items().stream().allMatch(i -> i.result() == Result.FAILED), report.toString());
    assertEquals(Optional.of(ErrorCode.CONFIGURATION), report.failure());
    assertTrue(report.items().get(0).message().contains("не изменён"), report.items().toString());
  }

  @Test
  void aRestoreFreeScoutSavedThoughItAnsweredAnErrorIsReportedAndRecorded() {
    seedSyncApplied();
    CustomerDirectory savedThenFailed =
        new SyncCustomerServiceTest.DelegatingCustomers(customers) {
          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            super.update(id, patch);
            throw new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "FreeScout answered 500");
          }
        };

    UndoReport report =
        new UndoService(audit, savedThenFailed, Clock.fixed(NOW, ZoneOffset.UTC))
            .undo(byRequest(SYNC_1, false));

    assertTrue(
        report.items().stream().allMatch(i -> i.result() == Result.RESTORED), report.toString());
    assertFalse(report.anyFailed());
    assertEquals(profile(ID, "Ivan", "Ivanov", null, null), stored(ID));
    try (Stream<AuditRecord> all = audit.records()) {
      assertEquals(
          4,
          all.filter(r -> !r.requestId().equals(SYNC_1)).count(),
          "the restore is recorded, so that it can be undone in turn");
    }
  }

  @Test
  void aRestoreWhoseFateCannotBeReadIsReportedUncertainAndLogged() {
    seedSyncApplied();
    CustomerDirectory lost =
        new SyncCustomerServiceTest.DelegatingCustomers(customers) {
          int reads;

          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            super.update(id, patch);
            throw new UpstreamException(ErrorCode.DEADLINE_EXCEEDED, "answer timed out");
          }

          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            if (reads++ > 0) {
              throw new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "connection reset");
            }
            return super.find(id);
          }
        };

    UndoReport report;
    List<LogRecord> logged;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      report =
          new UndoService(audit, lost, Clock.fixed(NOW, ZoneOffset.UTC))
              .undo(byRequest(SYNC_1, false));
      logged = log.records();
    }

    assertTrue(
        report.items().stream().allMatch(i -> i.result() == Result.FAILED), report.toString());
    assertTrue(report.items().get(0).message().startsWith("Неизвестно"), report.toString());
    assertEquals(1, logged.size(), "the administrator learns FreeScout may hold it unrecorded");
    assertEquals(Level.SEVERE, logged.get(0).getLevel());
    assertTrue(
        logged.get(0).getMessage().contains("the undo's PUT of customer " + ID), logged.toString());
  }

  @Test
  void aRestoreRefusedOutrightIsNotReadAgain() {
    seedSyncApplied();
    CustomerDirectory refused =
        new SyncCustomerServiceTest.DelegatingCustomers(customers) {
          @Override
          public void update(CustomerId id, ProfilePatch patch) {
            throw new UpstreamException(
                ErrorCode.HELPDESK_UNAVAILABLE, "connection refused", null, false);
          }

          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            if (reads++ > 0) {
              throw new AssertionError("read again after a write that surely never left");
            }
            return super.find(id);
          }

          int reads;
        };

    UndoReport report =
        new UndoService(audit, refused, Clock.fixed(NOW, ZoneOffset.UTC))
            .undo(byRequest(SYNC_1, false));

    assertTrue(
        report.items().stream().allMatch(i -> i.result() == Result.FAILED), report.toString());
  }

  @Test
  void theUndoIsItselfAudited() {
    seedSyncApplied();

    service.undo(byRequest(SYNC_1, false));

    List<AuditRecord> undoRecords =
        audit.records().filter(r -> r.requestId().equals(UNDO)).toList();
    assertEquals(
        List.of(
            new AuditRecord(
                NOW, OPERATOR, UNDO, ID, ProfileField.FIRST_NAME, "Тарас", "Ivan", "0138"),
            new AuditRecord(
                NOW, OPERATOR, UNDO, ID, ProfileField.LAST_NAME, "Новичков", "Ivanov", "0138"),
            new AuditRecord(NOW, OPERATOR, UNDO, ID, ProfileField.COMPANY, "0138", null, "0138"),
            new AuditRecord(NOW, OPERATOR, UNDO, ID, ProfileField.ZIP, "Соляной", null, "0138")),
        undoRecords);
  }

  @Test
  void anUndoCanItselfBeUndone() {
    seedSyncApplied();
    service.undo(byRequest(SYNC_1, false));
    RequestId redo = new RequestId("REDO1");

    UndoReport report =
        service.undo(
            new UndoCommand(
                Optional.empty(), Optional.empty(), Optional.of(UNDO), false, OPERATOR, redo));

    assertEquals(4, report.items().size());
    assertTrue(report.items().stream().allMatch(i -> i.result() == Result.RESTORED));
    assertEquals(profile(ID, "Тарас", "Новичков", "0138", "Соляной"), stored(ID));
  }

  @Test
  void aFieldChangedSinceTheSyncIsLeftAlone() {
    seedSyncApplied();
    customers.put(profile(ID, "Тарас", "Петров", "0138", "Соляной"));

    UndoReport report = service.undo(byRequest(SYNC_1, false));

    Item lastName = report.items().get(1);
    assertEquals(Result.CHANGED_SINCE, lastName.result());
    assertEquals("Петров", lastName.currentValue());
    assertTrue(lastName.message().contains("«Петров»"), lastName.message());
    assertTrue(lastName.message().contains("«Новичков»"), lastName.message());
    assertEquals("Петров", stored(ID).lastName());
    assertEquals("Ivan", stored(ID).firstName(), "the other fields are still restored");
    assertFalse(customers.updates().get(0).patch().touches(ProfileField.LAST_NAME));
  }

  @Test
  void aFieldAlreadyHoldingTheOldValueNeedsNothing() {
    seedSyncApplied();
    customers.put(profile(ID, "Ivan", "Ivanov", null, null));

    UndoReport report = service.undo(byRequest(SYNC_1, false));

    assertTrue(report.items().stream().allMatch(i -> i.result() == Result.ALREADY_RESTORED));
    assertEquals(List.of(), customers.updates());
    assertEquals(4, audit.records().count(), "nothing new recorded");
  }

  @Test
  void aDryRunReportsButWritesNothing() {
    seedSyncApplied();
    CustomerProfile before = stored(ID);

    UndoReport report = service.undo(byRequest(SYNC_1, true));

    assertTrue(report.items().stream().allMatch(i -> i.result() == Result.RESTORED));
    assertEquals(List.of(), customers.updates());
    assertEquals(before, stored(ID));
    assertEquals(4, audit.records().count());
  }

  @Test
  void severalSyncsOfAFieldRestoreTheEarliestOldWhileTheLatestNewIsInPlace() {
    customers.put(profile(ID, "Третий", null, null, null));
    audit.append(List.of(change(T1, SYNC_1, ID, ProfileField.FIRST_NAME, "Первый", "Второй")));
    audit.append(List.of(change(T2, SYNC_2, ID, ProfileField.FIRST_NAME, "Второй", "Третий")));

    UndoReport report = service.undo(byCustomer(ID, null));

    assertEquals(
        List.of(new Item(ID, ProfileField.FIRST_NAME, "Первый", "Третий", Result.RESTORED, null)),
        report.items());
    assertEquals("Первый", stored(ID).firstName());
  }

  @Test
  void aManualEditBetweenTwoSyncsIsPutBackNotOverwrittenByTheOlderValue() {
    // sync 1: Old → Иван; an agent sets "Operator"; sync 2: Operator → Иван.
    customers.put(profile(ID, "Иван", null, null, null));
    audit.append(List.of(change(T1, SYNC_1, ID, ProfileField.FIRST_NAME, "Old", "Иван")));
    audit.append(List.of(change(T2, SYNC_2, ID, ProfileField.FIRST_NAME, "Operator", "Иван")));

    UndoReport report = service.undo(byCustomer(ID, null));

    Item item = report.items().get(0);
    assertEquals(Result.RESTORED, item.result());
    assertEquals("Operator", item.restoredValue());
    assertTrue(item.message().contains("вручную"), item.message());
    assertEquals("Operator", stored(ID).firstName(), "the agent's value, not sync 1's old one");
  }

  @Test
  void anUndoneFieldIsNotUndoneTwiceByTheCustomerSelection() {
    seedSyncApplied();
    service.undo(byCustomer(ID, null));
    assertEquals("Ivan", stored(ID).firstName());

    UndoReport again =
        service.undo(
            new UndoCommand(
                Optional.of(ID),
                Optional.empty(),
                Optional.empty(),
                false,
                OPERATOR,
                new RequestId("UNDO2")));

    assertTrue(
        again.items().stream().allMatch(i -> i.result() == Result.ALREADY_RESTORED),
        again.items().toString());
    assertEquals(profile(ID, "Ivan", "Ivanov", null, null), stored(ID));
  }

  @Test
  void sinceSelectsOnlyTheLaterRecords() {
    customers.put(profile(ID, "Третий", null, null, null));
    audit.append(List.of(change(T1, SYNC_1, ID, ProfileField.FIRST_NAME, "Первый", "Второй")));
    audit.append(List.of(change(T2, SYNC_2, ID, ProfileField.FIRST_NAME, "Второй", "Третий")));

    service.undo(byCustomer(ID, T2));

    assertEquals("Второй", stored(ID).firstName());
  }

  @Test
  void aCustomerUndoLeavesOtherCustomersAlone() {
    seedSyncApplied();
    customers.put(profile(OTHER, "Тарас", null, null, null));
    audit.append(List.of(change(T1, SYNC_2, OTHER, ProfileField.FIRST_NAME, "Пётр", "Тарас")));

    UndoReport report = service.undo(byCustomer(ID, null));

    assertEquals(4, report.items().size());
    assertTrue(report.items().stream().allMatch(i -> i.customerId().equals(ID)));
    assertEquals("Тарас", stored(OTHER).firstName());
  }

  @Test
  void aRequestTouchingTwoCustomersGivesOneUpdateEach() {
    customers.put(profile(ID, "Тарас", null, null, null));
    customers.put(profile(OTHER, "Анна", null, null, null));
    audit.append(
        List.of(
            change(T1, SYNC_1, ID, ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            change(T1, SYNC_1, OTHER, ProfileField.FIRST_NAME, "Anna", "Анна")));

    UndoReport report = service.undo(byRequest(SYNC_1, false));

    assertEquals(2, report.items().size());
    assertEquals(2, customers.updates().size());
    assertEquals("Ivan", stored(ID).firstName());
    assertEquals("Anna", stored(OTHER).firstName());
  }

  @Test
  void aClearedLastNameIsPutBack() {
    customers.put(profile(ID, "ООО Ромашка", null, "0512", null));
    audit.append(
        List.of(
            change(T1, SYNC_1, ID, ProfileField.FIRST_NAME, "Ivan", "ООО Ромашка"),
            change(T1, SYNC_1, ID, ProfileField.LAST_NAME, "Ivanov", null)));

    service.undo(byRequest(SYNC_1, false));

    assertEquals("Ivan", stored(ID).firstName());
    assertEquals("Ivanov", stored(ID).lastName());
  }

  @Test
  void aVanishedCustomerFailsItsItemsAndTheRestGoesOn() {
    customers.put(profile(OTHER, "Анна", null, null, null));
    audit.append(
        List.of(
            change(T1, SYNC_1, ID, ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            change(T1, SYNC_1, OTHER, ProfileField.FIRST_NAME, "Anna", "Анна")));

    UndoReport report = service.undo(byRequest(SYNC_1, false));

    assertEquals(Result.FAILED, report.items().get(0).result());
    assertEquals("Клиент 31 не найден в FreeScout", report.items().get(0).message());
    assertEquals(Result.RESTORED, report.items().get(1).result());
    assertEquals("Anna", stored(OTHER).firstName());
    assertTrue(report.anyFailed());
    assertEquals(ErrorCode.CUSTOMER_NOT_FOUND, report.items().get(0).failure());
    assertEquals(null, report.items().get(1).failure());
    assertEquals(Optional.of(ErrorCode.CUSTOMER_NOT_FOUND), report.failure());
  }

  @Test
  void aFreeScoutWriteFailureFailsTheRestoresOnly() {
    seedSyncApplied();
    customers.put(profile(ID, "Тарас", "Петров", "0138", "Соляной"));
    customers.failWritesWith(
        new UpstreamException(
            ErrorCode.HELPDESK_UNAVAILABLE,
            "FreeScout ответил ошибкой HTTP 500 при записи клиента 31."));

    UndoReport report = service.undo(byRequest(SYNC_1, false));

    assertEquals(Result.FAILED, report.items().get(0).result());
    assertEquals(
        "Прежние значения клиента 31 не удалось сохранить в FreeScout: FreeScout ответил ошибкой"
            + " HTTP 500 при записи клиента 31.",
        report.items().get(0).message(),
        "the operator reads FreeScout's diagnosis, not 'unavailable, try later'");
    assertEquals(ErrorCode.HELPDESK_UNAVAILABLE, report.items().get(0).failure());
    assertEquals(Result.CHANGED_SINCE, report.items().get(1).result());
    assertEquals(4, audit.records().count(), "a failed restore is not recorded");
  }

  @Test
  void aWriteFailureWithoutADiagnosisSaysFreeScoutIsUnavailable() {
    seedSyncApplied();
    customers.put(profile(ID, "Тарас", "Петров", "0138", "Соляной"));
    customers.failWritesWith(new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, " "));

    UndoReport report = service.undo(byRequest(SYNC_1, false));

    assertEquals(
        "Прежние значения клиента 31 не удалось сохранить в FreeScout: FreeScout недоступен,"
            + " попробуйте ещё раз позже",
        report.items().get(0).message());
  }

  @Test
  void anUnexpectedExceptionFailsTheCustomerAndIsLoggedUnderTheUndosRequestId() {
    seedSyncApplied();
    CustomerDirectory buggy =
        new SyncCustomerServiceTest.DelegatingCustomers(customers) {
          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            throw new IllegalStateException("secret stack detail for +7 900 444-55-66");
          }
        };

    UndoReport report;
    List<LogRecord> logged;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      report =
          new UndoService(audit, buggy, Clock.fixed(NOW, ZoneOffset.UTC))
              .undo(byRequest(SYNC_1, false));
      logged = log.records();
    }

    assertEquals(4, report.items().size());
    assertTrue(report.items().stream().allMatch(i -> i.failure() == ErrorCode.INTERNAL));
    assertFalse(report.items().get(0).message().contains("secret"));
    assertEquals(1, logged.size(), "the undo's request id leads to the cause in the log");
    LogRecord r = logged.get(0);
    assertEquals(Level.SEVERE, r.getLevel());
    assertTrue(r.getMessage().contains(UNDO.value()), r.getMessage());
    assertTrue(r.getMessage().contains("customer " + ID), r.getMessage());
    String thrown = r.getThrown().getMessage();
    assertTrue(thrown.startsWith("java.lang.IllegalStateException: secret stack detail"), thrown);
    assertFalse(thrown.contains("444-55"), "a phone in the text is masked: " + thrown);
    assertEquals("find", r.getThrown().getStackTrace()[0].getMethodName(), "the original stack");
  }

  @Test
  void aRestoreTheAuditLogCouldNotRecordIsLoggedWithTheFieldsWritten() {
    seedSyncApplied();
    AuditTrail diskFull = new DiskFullAuditTrail("disk full", audit::records);

    UndoReport report;
    List<LogRecord> logged;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      report =
          new UndoService(diskFull, customers, Clock.fixed(NOW, ZoneOffset.UTC))
              .undo(byRequest(SYNC_1, false));
      logged = log.records();
    }

    assertEquals(profile(ID, "Ivan", "Ivanov", null, null), stored(ID), "FreeScout took it");
    assertTrue(report.items().stream().allMatch(i -> i.failure() == ErrorCode.INTERNAL));
    assertEquals(1, logged.size(), "the administrator learns what the log is missing");
    LogRecord r = logged.get(0);
    assertEquals(Level.SEVERE, r.getLevel());
    assertTrue(r.getMessage().contains(UNDO.value()), r.getMessage());
    assertTrue(r.getMessage().contains("customer " + ID), r.getMessage());
    assertTrue(
        r.getMessage().contains("(firstName, lastName, company, zip)"),
        "names the fields written: " + r.getMessage());
    assertTrue(r.getThrown().getMessage().contains("disk full"), r.getThrown().getMessage());
  }

  @Test
  void aRestoreTheAuditLogCouldNotRecordFailsSayingTheValueIsBackButNotInTheLog() {
    seedSyncApplied();
    UncheckedIOException full = new UncheckedIOException(new IOException("disk full"));
    AuditTrail diskFull =
        new AuditTrail() {
          @Override
          public void append(List<AuditRecord> records) {
            throw full;
          }

          @Override
          public Stream<AuditRecord> records() {
            return audit.records();
          }
        };

    UndoReport report;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      report =
          new UndoService(diskFull, customers, Clock.fixed(NOW, ZoneOffset.UTC))
              .undo(byRequest(SYNC_1, false));
    }

    String message =
        "Прежние значения клиента 31 сохранены в FreeScout, но журнал изменений записать не"
            + " удалось: этой отмены в нём нет; сообщите администратору (запрос UNDO1)";
    assertEquals(
        new Item(
                ID,
                ProfileField.FIRST_NAME,
                "Ivan",
                "Тарас",
                Result.FAILED,
                message,
                ErrorCode.INTERNAL)
            .withCause(full),
        report.items().get(0),
        "with the append's exception as its cause");
    assertEquals(
        "Ivan", stored(ID).firstName(), "the item's restoredValue is what FreeScout holds");
    assertEquals(Optional.of(ErrorCode.INTERNAL), report.failure());
  }

  @Test
  void aRefusedKeyAnywhereMakesTheWholeUndoAConfigurationFailure() {
    seedSyncApplied();
    customers.failReadsWith(new UpstreamException(ErrorCode.CONFIGURATION, "HTTP 401"));

    UndoReport report = service.undo(byRequest(SYNC_1, false));

    assertTrue(report.items().stream().allMatch(i -> i.failure() == ErrorCode.CONFIGURATION));
    assertEquals(Optional.of(ErrorCode.CONFIGURATION), report.failure());
  }

  /** The one exception of {@link ru.aidabilling.core.port.in.UndoUseCase#undo}, as documented. */
  @Test
  void aTrailThatCannotBeReadThrowsAndNothingIsWritten() {
    seedSyncApplied();
    AuditTrail unreadable =
        new AuditTrail() {
          @Override
          public void append(List<AuditRecord> records) {
            throw new AssertionError("nothing read, nothing to record");
          }

          @Override
          public Stream<AuditRecord> records() {
            throw new UncheckedIOException(new IOException("Permission denied"));
          }
        };
    UndoService undo = new UndoService(unreadable, customers, Clock.fixed(NOW, ZoneOffset.UTC));
    int before = customers.updates().size();

    assertThrows(UncheckedIOException.class, () -> undo.undo(byRequest(SYNC_1, false)));
    assertThrows(UncheckedIOException.class, () -> undo.undo(byCustomer(ID, null)));
    assertEquals(before, customers.updates().size(), "FreeScout untouched");
  }

  @Test
  void nothingSelectedIsAReportWithoutItems() {
    seedSyncApplied();

    assertEquals(List.of(), service.undo(byRequest(new RequestId("NEVER"), false)).items());
    assertEquals(List.of(), service.undo(byCustomer(OTHER, null)).items());
  }

  // ------------------------------------------------------------------ the cause, for embedders

  @Test
  void aFailedItemCarriesTheExceptionBehindItAsASyncsFailedDoes() {
    seedSyncApplied();
    UpstreamException read = new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 502");
    customers.failReadsWith(read);
    UndoReport unread = service.undo(byRequest(SYNC_1, false));
    assertEquals(4, unread.items().size());
    for (Item i : unread.items()) {
      assertSame(read, i.cause().orElseThrow(), "the read's failure: " + i);
    }

    customers.failReadsWith(null);
    customers.put(profile(ID, "Тарас", "Петров", "0138", "Соляной"));
    UpstreamException write =
        new UpstreamException(
            ErrorCode.HELPDESK_UNAVAILABLE, "FreeScout ответил ошибкой HTTP 500", null, false);
    customers.failWritesWith(write);
    UndoReport unwritten = service.undo(byRequest(SYNC_1, false));
    Item firstName = unwritten.items().get(0);
    assertEquals(Result.FAILED, firstName.result());
    assertSame(write, firstName.cause().orElseThrow(), "the write's failure");
    Item lastName = unwritten.items().get(1);
    assertEquals(Result.CHANGED_SINCE, lastName.result());
    assertEquals(Optional.empty(), lastName.cause(), "only a failed item has a cause");
  }

  @Test
  void anAuditLogThatCannotRecordIsTheCauseOfTheItemsItStopped() {
    seedSyncApplied();
    UncheckedIOException denied =
        new UncheckedIOException("a.jsonl: permission denied", new IOException("EACCES"));
    AuditTrail readOnly =
        new AuditTrail() {
          @Override
          public void checkCanRecord() {
            throw denied;
          }

          @Override
          public void append(List<AuditRecord> records) {
            throw new AssertionError("checked before");
          }

          @Override
          public Stream<AuditRecord> records() {
            return audit.records();
          }
        };

    UndoReport report =
        new UndoService(readOnly, customers, Clock.fixed(NOW, ZoneOffset.UTC))
            .undo(byRequest(SYNC_1, false));

    assertEquals(Optional.of(ErrorCode.CONFIGURATION), report.failure());
    assertTrue(report.items().stream().allMatch(i -> i.cause().orElseThrow() == denied));
    assertFalse(report.items().get(0).message().contains("EACCES"), "the operator's words");
  }

  @Test
  void anUnexpectedExceptionIsTheCauseAndAVanishedCustomerHasNone() {
    seedSyncApplied();
    IllegalStateException bug = new IllegalStateException("bug for +7 900 444-55-66");
    CustomerDirectory buggy =
        new SyncCustomerServiceTest.DelegatingCustomers(customers) {
          @Override
          public Optional<CustomerProfile> find(CustomerId id) {
            throw bug;
          }
        };
    UndoReport report;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      report =
          new UndoService(audit, buggy, Clock.fixed(NOW, ZoneOffset.UTC))
              .undo(byRequest(SYNC_1, false));
    }
    assertSame(bug, report.items().get(0).cause().orElseThrow());
    assertFalse(report.items().get(0).message().contains("+7"), report.items().get(0).message());

    customers.remove(ID);
    Item vanished = service.undo(byRequest(SYNC_1, false)).items().get(0);
    assertEquals(ErrorCode.CUSTOMER_NOT_FOUND, vanished.failure());
    assertEquals(Optional.empty(), vanished.cause(), "an answer, not an error");
  }

  @Test
  void aCauseGoesWithFailedOnlyAndCountsInEquality() {
    Item restored = new Item(ID, ProfileField.ZIP, null, "Соляной", Result.RESTORED, null);
    IllegalStateException e = new IllegalStateException("x");
    assertThrows(IllegalArgumentException.class, () -> restored.withCause(e));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Item(
                ID,
                ProfileField.ZIP,
                null,
                null,
                Result.ALREADY_RESTORED,
                null,
                null,
                Optional.of(e)));
    Item failed =
        new Item(ID, ProfileField.ZIP, null, null, Result.FAILED, "x", ErrorCode.INTERNAL);
    assertEquals(Optional.empty(), failed.cause());
    assertEquals(
        failed,
        new Item(ID, ProfileField.ZIP, null, null, Result.FAILED, "x", ErrorCode.INTERNAL, null),
        "a null cause is none");
    assertSame(e, failed.withCause(e).cause().orElseThrow());
    assertEquals(failed.withCause(e), failed.withCause(e), "the same exception: equal");
    assertEquals(failed.withCause(e).hashCode(), failed.withCause(e).hashCode());
    assertNotEquals(failed, failed.withCause(e), "as SyncOutcome.Failed: the cause is a component");
  }

  @Test
  void aFailureCodeGoesWithFailedOnly() {
    CustomerId id = ID;
    assertThrows(
        IllegalArgumentException.class,
        () -> new Item(id, ProfileField.ZIP, null, null, Result.FAILED, "x"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Item(id, ProfileField.ZIP, null, null, Result.RESTORED, null, ErrorCode.INTERNAL));
  }

  @Test
  void aFreeScoutReadFailureFailsEveryItemOfTheCustomer() {
    seedSyncApplied();
    customers.failReadsWith(new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 502"));

    UndoReport report = service.undo(byRequest(SYNC_1, false));

    assertEquals(4, report.items().size());
    assertTrue(report.items().stream().allMatch(i -> i.result() == Result.FAILED));
  }

  @Test
  void nothingSelectedIsAnEmptyReport() {
    seedSyncApplied();

    UndoReport report = service.undo(byRequest(new RequestId("NOSUCH"), false));

    assertEquals(List.of(), report.items());
    assertEquals(List.of(), customers.updates());
  }
}
