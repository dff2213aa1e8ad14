package ru.aidabilling.core.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.UpstreamException;

/**
 * The behaviour every {@link BillingDirectory} shares, whether it is the in-memory fake or the HTTP
 * adapter. Subclass it once per implementation and build a directory holding the given accounts;
 * this class ships in core's test-jar so the adapter modules can reuse it.
 */
public abstract class BillingDirectoryContract {
  /** The seed's subscriber. */
  protected static final Phone SEED_PHONE = new Phone("+79004445566");

  protected static final BillingAccount SEED_ACCOUNT =
      new BillingAccount(
          "0138",
          "Новичков Тарас Викторович",
          "поселок Соляной Набережная 8/1",
          "2024_SMiT",
          Money.rub("256.52"));

  /**
   * A directory that answers with exactly these accounts per phone (in list order) and has none for
   * any other phone. An account's null fields stand for values billing left out or blank.
   */
  protected abstract BillingDirectory billingWith(Map<Phone, List<BillingAccount>> data);

  /**
   * A directory whose billing system cannot be reached at all (for an HTTP adapter: a closed
   * loopback port): every lookup fails with {@link UpstreamException} {@code BILLING_UNAVAILABLE},
   * and so does {@code ping()}.
   */
  protected abstract BillingDirectory billingDown();

  @Test
  void findsTheAccountOfAPhoneWithEveryField() {
    BillingDirectory billing = billingWith(Map.of(SEED_PHONE, List.of(SEED_ACCOUNT)));

    List<BillingAccount> found = billing.findByPhone(SEED_PHONE);

    assertEquals(List.of(SEED_ACCOUNT), found);
    assertEquals("256.52", found.get(0).balance().plain());
    assertEquals("RUB", found.get(0).balance().currency());
  }

  @Test
  void anUnknownPhoneIsAnEmptyListNotAFailure() {
    BillingDirectory billing = billingWith(Map.of(SEED_PHONE, List.of(SEED_ACCOUNT)));

    assertEquals(List.of(), billing.findByPhone(new Phone("+79001234567")));
  }

  @Test
  void anEmptyBillingFindsNothing() {
    assertEquals(List.of(), billingWith(Map.of()).findByPhone(SEED_PHONE));
  }

  @Test
  void severalAccountsOnOnePhoneComeInBillingsOrder() {
    BillingAccount second =
        new BillingAccount(
            "0512", "ООО Ромашка", "г. Волжский, ул. Мира, д. 15", "Офис", Money.rub("-1250.5"));
    BillingAccount third = new BillingAccount("0999", "Петрова Анна", null, null, Money.rub("0"));
    BillingDirectory billing =
        billingWith(Map.of(SEED_PHONE, List.of(SEED_ACCOUNT, second, third)));

    List<BillingAccount> found = billing.findByPhone(SEED_PHONE);

    assertEquals(List.of(SEED_ACCOUNT, second, third), found);
    assertEquals("-1250.50", found.get(1).balance().plain());
    assertTrue(found.get(1).balance().isDebt());
  }

  @Test
  void eachPhoneHasItsOwnAccounts() {
    Phone other = new Phone("+79001112233");
    BillingAccount otherAccount =
        new BillingAccount("0200", "Сидоров Пётр Ильич", null, "Базовый", Money.rub("10.00"));
    Map<Phone, List<BillingAccount>> data = new LinkedHashMap<>();
    data.put(SEED_PHONE, List.of(SEED_ACCOUNT));
    data.put(other, List.of(otherAccount));
    BillingDirectory billing = billingWith(data);

    assertEquals(List.of(otherAccount), billing.findByPhone(other));
    assertEquals(List.of(SEED_ACCOUNT), billing.findByPhone(SEED_PHONE));
  }

  @Test
  void missingFieldsComeBackAsNullNeverBlank() {
    BillingAccount sparse = new BillingAccount("0777", null, null, null, null);
    BillingDirectory billing = billingWith(Map.of(SEED_PHONE, List.of(sparse)));

    BillingAccount found = billing.findByPhone(SEED_PHONE).get(0);

    assertEquals("0777", found.contract());
    assertNull(found.fullName());
    assertNull(found.address());
    assertNull(found.tariff());
    assertNull(found.balance());
  }

  @Test
  void repeatedLookupsGiveTheSameAnswer() {
    BillingDirectory billing = billingWith(Map.of(SEED_PHONE, List.of(SEED_ACCOUNT)));

    assertEquals(billing.findByPhone(SEED_PHONE), billing.findByPhone(SEED_PHONE));
  }

  @Test
  void pingSucceedsWhenBillingAnswers() {
    billingWith(Map.of()).ping();
  }

  @Test
  void aBillingOutageIsAnUpstreamFailureNeverNotFound() {
    BillingDirectory billing = billingDown();

    UpstreamException e =
        assertThrows(UpstreamException.class, () -> billing.findByPhone(SEED_PHONE));
    assertEquals(ErrorCode.BILLING_UNAVAILABLE, e.code());
    assertEquals(
        ErrorCode.BILLING_UNAVAILABLE, assertThrows(UpstreamException.class, billing::ping).code());
  }
}
