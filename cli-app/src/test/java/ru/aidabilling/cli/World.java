package ru.aidabilling.cli;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.service.LookupAccountsService;
import ru.aidabilling.core.service.SyncCustomerService;
import ru.aidabilling.core.service.UndoService;
import ru.aidabilling.core.service.UpstreamHealthService;

/**
 * Billing, FreeScout and the audit log in memory, with the real services on top: the same wiring
 * the composition root builds, minus HTTP. Holds the seed's customer 31.
 */
final class World {
  static final Phone SEED_PHONE = new Phone("+79004445566");
  static final BillingAccount SEED_ACCOUNT =
      new BillingAccount(
          "0138",
          "Новичков Тарас Викторович",
          "поселок Соляной Набережная 8/1",
          "2024_SMiT",
          Money.rub("256.52"));

  final InMemoryBillingDirectory billing = new InMemoryBillingDirectory();
  final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();

  static World seed() {
    World w = new World();
    w.customers.put(customer(31, "Ivan", null, List.of("8 (900) 444-55-66"), 1));
    w.billing.put(SEED_PHONE, SEED_ACCOUNT);
    return w;
  }

  static CustomerProfile customer(
      long id, String firstName, String lastName, List<String> phones, long createdSecond) {
    return new CustomerProfile(
        CustomerId.of(id),
        firstName,
        lastName,
        null,
        null,
        null,
        null,
        phones,
        List.of(),
        Instant.parse("2024-01-01T00:00:00Z").plusSeconds(createdSecond));
  }

  static BillingAccount account(String contract, String fullName, String balance) {
    return new BillingAccount(
        contract,
        fullName,
        "село Ивановка ул. Ленина 5",
        "Базовый",
        Money.rub(new BigDecimal(balance)));
  }

  TestWiring wiring() {
    SyncCustomerService sync =
        new SyncCustomerService(
            billing, customers, audit, MappingMode.SEED, WritePolicy.OVERWRITE, Clock.systemUTC());
    return new TestWiring(
        sync,
        new LookupAccountsService(billing),
        new UndoService(audit, customers, Clock.systemUTC(), sync),
        new UpstreamHealthService(billing, customers),
        customers);
  }

  Cli cli() {
    return Cli.create().wiring(wiring());
  }

  CustomerProfile get(long id) {
    return customers.get(CustomerId.of(id)).orElseThrow();
  }
}
