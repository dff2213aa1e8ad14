package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.audit.JsonlAuditTrail;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncOutcome.Synced;
import ru.aidabilling.core.port.in.UndoCommand;
import ru.aidabilling.core.port.in.UndoReport;
import ru.aidabilling.core.wire.Json;
import ru.aidabilling.core.wire.Wire;

/**
 * The seed's own case end to end, with the real parsers and the real audit file: customer 31,
 * +79004445566, «Новичков Тарас Викторович», «поселок Соляной Набережная 8/1».
 */
class SeedSyncTest {
  static final CustomerId ID = CustomerId.of(31);
  static final Phone PHONE = new Phone("+79004445566");
  static final Instant NOW = Instant.parse("2026-01-15T09:30:00Z");
  static final RequestId REQUEST = new RequestId("01JDSEEDSYNC00000000000000");

  @TempDir Path dir;

  final InMemoryBillingDirectory billing =
      new InMemoryBillingDirectory()
          .put(
              PHONE,
              new BillingAccount(
                  "0138",
                  "Новичков Тарас Викторович",
                  "поселок Соляной Набережная 8/1",
                  "2024_SMiT",
                  Money.rub("256.52")));
  final InMemoryCustomerDirectory customers =
      new InMemoryCustomerDirectory()
          .put(
              new CustomerProfile(
                  ID,
                  "Ivan",
                  null,
                  null,
                  null,
                  null,
                  null,
                  List.of("+7 (900) 444-55-66"),
                  List.of("https://example.amocrm.ru/contacts/detail/1"),
                  Instant.EPOCH));
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void theSeedCustomerSyncsToTheShapeOfSpecElevenAndCanBeUndone() throws Exception {
    JsonlAuditTrail audit = new JsonlAuditTrail(dir.resolve("aida-audit.jsonl"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      SyncCustomerService sync =
          new SyncCustomerService(
              billing, customers, audit, MappingMode.SEED, WritePolicy.OVERWRITE, clock, pool);

      Synced s =
          assertInstanceOf(
              Synced.class,
              sync.sync(
                  new SyncCommand(
                      ID,
                      Optional.of(PHONE),
                      Optional.empty(),
                      false,
                      Optional.empty(),
                      new Actor("freescout-user:5 agent@example.com"),
                      REQUEST,
                      false)));

      assertEquals(
          "{\"status\":\"updated\",\"customerId\":31,\"requestId\":\"01JDSEEDSYNC00000000000000\","
              + "\"phone\":\"+79004445566\","
              + "\"account\":{\"contract\":\"0138\",\"fullName\":\"Новичков Тарас Викторович\","
              + "\"address\":\"поселок Соляной Набережная 8/1\",\"tariff\":\"2024_SMiT\","
              + "\"balance\":\"256.52\",\"currency\":\"RUB\"},"
              + "\"name\":{\"kind\":\"PERSON\",\"last\":\"Новичков\",\"first\":\"Тарас\","
              + "\"middle\":\"Викторович\",\"org\":null},"
              + "\"address\":{\"postcode\":null,\"region\":null,\"district\":null,"
              + "\"settlementType\":\"поселок\",\"settlement\":\"Соляной\",\"streetType\":null,"
              + "\"street\":\"Набережная\",\"house\":\"8/1\",\"block\":null,\"flat\":null,"
              + "\"unparsed\":null},"
              + "\"changes\":[{\"field\":\"firstName\",\"old\":\"Ivan\",\"new\":\"Тарас\"},"
              + "{\"field\":\"lastName\",\"old\":null,\"new\":\"Новичков\"},"
              + "{\"field\":\"company\",\"old\":null,\"new\":\"0138\"},"
              + "{\"field\":\"zip\",\"old\":null,\"new\":\"Соляной\"}]}",
          Json.write(Wire.synced(s)));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(4, Files.readAllLines(audit.file()).size());
    assertEquals(
        Map.of(
            "time", "2026-01-15T09:30:00.000000000Z",
            "actor", "freescout-user:5 agent@example.com",
            "requestId", "01JDSEEDSYNC00000000000000",
            "customerId", 31L,
            "field", "zip",
            "new", "Соляной",
            "contract", "0138"),
        withoutNulls(Json.parse(Files.readAllLines(audit.file()).get(3))));

    UndoReport undo =
        new UndoService(audit, customers, clock)
            .undo(
                new UndoCommand(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(REQUEST),
                    false,
                    Actor.operator("alice"),
                    new RequestId("UNDO")));

    assertEquals(4, undo.items().size());
    CustomerProfile back = customers.get(ID).orElseThrow();
    assertEquals("Ivan", back.firstName());
    assertEquals(null, back.lastName());
    assertEquals(null, back.company());
    assertEquals(null, back.zip());
    assertEquals(8, Files.readAllLines(audit.file()).size(), "the undo is audited too");
  }

  @Test
  void aSecondSyncOfTheSeedCustomerIsUnchanged() {
    SyncCustomerService sync =
        new SyncCustomerService(
            billing,
            customers,
            new JsonlAuditTrail(dir.resolve("audit.jsonl")),
            MappingMode.SEED,
            WritePolicy.OVERWRITE,
            clock);
    sync.sync(SyncCommand.of(ID, Actor.operator("alice")));

    Synced again =
        assertInstanceOf(Synced.class, sync.sync(SyncCommand.of(ID, Actor.operator("alice"))));

    assertEquals("unchanged", again.status().wireName());
    assertEquals(1, customers.updates().size());
  }

  private static Map<?, ?> withoutNulls(Object parsed) {
    Map<?, ?> m = (Map<?, ?>) parsed;
    m.values().removeIf(v -> v == null);
    return m;
  }
}
