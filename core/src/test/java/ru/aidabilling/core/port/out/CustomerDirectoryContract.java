package ru.aidabilling.core.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;

/**
 * The behaviour every {@link CustomerDirectory} shares, whether it is the in-memory fake or the
 * FreeScout HTTP adapter. Subclass it once per implementation; it ships in core's test-jar so the
 * adapter modules can reuse it.
 */
public abstract class CustomerDirectoryContract {
  protected static final CustomerId SEED_ID = CustomerId.of(31);

  /** The seed's customer before a sync: every writable field filled, two phones, one website. */
  protected static final CustomerProfile SEED =
      new CustomerProfile(
          SEED_ID,
          "Ivan",
          "Ivanov",
          "Old company",
          "400000",
          "Волгоград",
          "ул. Ленина 1",
          List.of("+79004445566", "8 (900) 111-22-33"),
          List.of("https://example.amocrm.ru/contacts/detail/1"),
          Instant.parse("2024-03-01T10:00:00Z"));

  /** A customer with nothing but a first name. */
  protected static final CustomerProfile SPARSE =
      new CustomerProfile(
          CustomerId.of(32),
          "Пётр",
          null,
          null,
          null,
          null,
          null,
          List.of(),
          List.of(),
          Instant.parse("2024-03-02T10:00:00Z"));

  /**
   * A directory holding exactly these customers (their {@code createdAt} is whole seconds, UTC).
   * Each call starts from a fresh state that {@link #stored} then reads.
   */
  protected abstract CustomerDirectory customersWith(List<CustomerProfile> customers);

  /**
   * How the help desk behind the directory last built by {@link #customersWith} stores a customer
   * now, read around the port under test (e.g. from the stub server's state); empty when it has no
   * such customer.
   */
  protected abstract Optional<CustomerProfile> stored(CustomerId id);

  /**
   * A directory whose help desk cannot be reached at all (for an HTTP adapter: a closed loopback
   * port): every call fails with {@link UpstreamException} {@code HELPDESK_UNAVAILABLE}.
   */
  protected abstract CustomerDirectory customersDown();

  @Test
  void findsACustomerWithEveryFieldPhonesInProfileOrderAndWebsites() {
    CustomerDirectory customers = customersWith(List.of(SEED, SPARSE));

    assertEquals(Optional.of(SEED), customers.find(SEED_ID));
  }

  @Test
  void emptyFieldsComeBackAsNullAndEmptyLists() {
    CustomerDirectory customers = customersWith(List.of(SEED, SPARSE));

    assertEquals(Optional.of(SPARSE), customers.find(SPARSE.id()));
  }

  @Test
  void anUnknownIdIsEmptyNotAFailure() {
    CustomerDirectory customers = customersWith(List.of(SEED));

    assertEquals(Optional.empty(), customers.find(CustomerId.of(999_999)));
  }

  @Test
  void anUpdateChangesOnlyThePatchedFields() {
    CustomerDirectory customers = customersWith(List.of(SEED, SPARSE));
    ProfilePatch patch =
        ProfilePatch.empty()
            .withSet(ProfileField.FIRST_NAME, "Тарас")
            .withSet(ProfileField.LAST_NAME, "Новичков")
            .withSet(ProfileField.COMPANY, "0138");

    customers.update(SEED_ID, patch);

    CustomerProfile expected =
        new CustomerProfile(
            SEED_ID,
            "Тарас",
            "Новичков",
            "0138",
            SEED.zip(),
            SEED.city(),
            SEED.address(),
            SEED.phones(),
            SEED.websites(),
            SEED.createdAt());
    assertEquals(Optional.of(expected), stored(SEED_ID));
    assertEquals(Optional.of(expected), customers.find(SEED_ID));
    assertEquals(Optional.of(SPARSE), stored(SPARSE.id()), "another customer is left alone");
  }

  @Test
  void zipCityAndStreetLineAreWrittenToTheirOwnFields() {
    CustomerDirectory customers = customersWith(List.of(SPARSE));
    ProfilePatch patch =
        ProfilePatch.empty()
            .withSet(ProfileField.ZIP, "Соляной")
            .withSet(ProfileField.CITY, "Соляной")
            .withSet(ProfileField.ADDRESS, "улица Мира 15, кв. 3");

    customers.update(SPARSE.id(), patch);

    CustomerProfile now = stored(SPARSE.id()).orElseThrow();
    assertEquals("Соляной", now.zip());
    assertEquals("Соляной", now.city());
    assertEquals("улица Мира 15, кв. 3", now.address());
    assertEquals("Пётр", now.firstName());
  }

  @Test
  void aClearEmptiesOnlyThatField() {
    CustomerDirectory customers = customersWith(List.of(SEED));

    customers.update(SEED_ID, ProfilePatch.empty().withClear(ProfileField.LAST_NAME));

    CustomerProfile now = stored(SEED_ID).orElseThrow();
    assertEquals(null, now.lastName());
    assertEquals("Ivan", now.firstName());
    assertEquals("Old company", now.company());
    assertEquals("400000", now.zip());
    assertEquals(SEED.phones(), now.phones());
  }

  /** An undo clears any field that was empty before a sync wrote it, the street line too. */
  @Test
  void everyFieldCanBeClearedAndOnlyThatOne() {
    for (ProfileField f : ProfileField.values()) {
      CustomerDirectory customers = customersWith(List.of(SEED));

      customers.update(SEED_ID, ProfilePatch.empty().withClear(f));

      CustomerProfile now = stored(SEED_ID).orElseThrow();
      for (ProfileField other : ProfileField.values()) {
        assertEquals(other == f ? null : SEED.get(other), now.get(other), f + " cleared: " + other);
      }
      assertEquals(SEED.phones(), now.phones(), f + " cleared: phones");
    }
  }

  @Test
  void aSetAndAClearGoTogetherInOneUpdate() {
    CustomerDirectory customers = customersWith(List.of(SEED));
    ProfilePatch patch =
        new ProfilePatch(
            Map.of(ProfileField.FIRST_NAME, "ООО «Ромашка»"), Set.of(ProfileField.LAST_NAME));

    customers.update(SEED_ID, patch);

    CustomerProfile now = stored(SEED_ID).orElseThrow();
    assertEquals("ООО «Ромашка»", now.firstName());
    assertEquals(null, now.lastName());
    assertEquals("Old company", now.company());
  }

  @Test
  void repeatingAnIdenticalUpdateLeavesTheSameState() {
    CustomerDirectory customers = customersWith(List.of(SEED));
    ProfilePatch patch =
        ProfilePatch.empty()
            .withSet(ProfileField.FIRST_NAME, "Тарас")
            .withClear(ProfileField.COMPANY);

    customers.update(SEED_ID, patch);
    CustomerProfile once = stored(SEED_ID).orElseThrow();
    customers.update(SEED_ID, patch);

    assertEquals(once, stored(SEED_ID).orElseThrow());
  }

  @Test
  void textSurvivesTheRoundTripExactly() {
    CustomerDirectory customers = customersWith(List.of(SPARSE));
    String tricky = "Ёлкин \"Квота\" \\ / <b>&amp; 😀";

    customers.update(SPARSE.id(), ProfilePatch.empty().withSet(ProfileField.COMPANY, tricky));

    assertEquals(tricky, customers.find(SPARSE.id()).orElseThrow().company());
  }

  @Test
  void updatingAnUnknownCustomerFailsWithCustomerNotFound() {
    CustomerDirectory customers = customersWith(List.of(SEED));

    UpstreamException e =
        assertThrows(
            UpstreamException.class,
            () ->
                customers.update(
                    CustomerId.of(999_999),
                    ProfilePatch.empty().withSet(ProfileField.FIRST_NAME, "X")));
    assertEquals(ErrorCode.CUSTOMER_NOT_FOUND, e.code());
  }

  @Test
  void listsPagesOldestFirstWithTotalPages() {
    CustomerDirectory customers =
        customersWith(
            List.of(
                customer(5, "2024-05-05"),
                customer(1, "2024-05-01"),
                customer(2, "2024-05-02"),
                customer(4, "2024-05-04"),
                customer(3, "2024-05-03")));

    CustomerPage first = customers.list(new PageQuery(1, 2, Optional.empty()));
    CustomerPage second = customers.list(new PageQuery(2, 2, Optional.empty()));
    CustomerPage third = customers.list(new PageQuery(3, 2, Optional.empty()));

    assertEquals(List.of(1L, 2L), ids(first));
    assertEquals(List.of(3L, 4L), ids(second));
    assertEquals(List.of(5L), ids(third));
    assertEquals(3, first.totalPages());
    assertEquals(3, third.totalPages());
    assertEquals(1, first.page());
    assertFalse(first.isLast());
    assertTrue(third.isLast());
  }

  @Test
  void listedCustomersCarryTheirPhones() {
    CustomerDirectory customers = customersWith(List.of(SEED, SPARSE));

    CustomerPage page = customers.list(new PageQuery(1, 50, Optional.empty()));

    assertEquals(List.of(31L, 32L), ids(page));
    assertEquals(SEED.phones(), page.customers().get(0).phones());
    assertEquals(1, page.totalPages());
    assertTrue(page.isLast());
  }

  @Test
  void aPageBeyondTheLastIsEmpty() {
    CustomerDirectory customers = customersWith(List.of(SEED, SPARSE));

    CustomerPage beyond = customers.list(new PageQuery(5, 2, Optional.empty()));

    assertEquals(List.of(), beyond.customers());
    assertTrue(beyond.isLast());
  }

  @Test
  void pingSucceedsWhenTheHelpDeskAnswers() {
    customersWith(List.of()).ping();
  }

  @Test
  void aHelpDeskOutageIsAnUpstreamFailureForEveryCall() {
    CustomerDirectory customers = customersDown();
    ProfilePatch patch = ProfilePatch.empty().withSet(ProfileField.FIRST_NAME, "X");

    assertEquals(
        ErrorCode.HELPDESK_UNAVAILABLE,
        assertThrows(UpstreamException.class, () -> customers.find(SEED_ID)).code());
    assertEquals(
        ErrorCode.HELPDESK_UNAVAILABLE,
        assertThrows(UpstreamException.class, () -> customers.update(SEED_ID, patch)).code());
    assertEquals(
        ErrorCode.HELPDESK_UNAVAILABLE,
        assertThrows(
                UpstreamException.class,
                () -> customers.list(new PageQuery(1, 10, Optional.empty())))
            .code());
    assertEquals(
        ErrorCode.HELPDESK_UNAVAILABLE,
        assertThrows(UpstreamException.class, customers::ping).code());
  }

  /** A customer with one phone, created at midday UTC of the given date. */
  protected static CustomerProfile customer(long id, String createdOn) {
    return new CustomerProfile(
        CustomerId.of(id),
        "Customer " + id,
        null,
        null,
        null,
        null,
        null,
        List.of("+7900000000" + (id % 10)),
        List.of(),
        Instant.parse(createdOn + "T12:00:00Z"));
  }

  private static List<Long> ids(CustomerPage page) {
    return page.customers().stream().map(c -> c.id().value()).toList();
  }
}
