package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.out.BillingDirectory;

class LookupAndHealthServiceTest {
  static final Phone PHONE = new Phone("+79004445566");
  final InMemoryBillingDirectory billing = new InMemoryBillingDirectory();
  final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();

  @Test
  void lookupGivesBillingsAccountsInOrder() {
    BillingAccount a = new BillingAccount("1", "A", null, null, Money.rub("1"));
    BillingAccount b = new BillingAccount("2", "B", null, null, Money.rub("2"));
    billing.put(PHONE, a, b);

    assertEquals(List.of(a, b), new LookupAccountsService(billing).lookup(PHONE));
    assertEquals(List.of(), new LookupAccountsService(billing).lookup(new Phone("+79001112233")));
  }

  @Test
  void lookupListsAnAccountBillingRepeatsOnceAsASyncSeesIt() {
    BillingAccount a = new BillingAccount("1", "A", null, null, Money.rub("1"));
    BillingAccount b = new BillingAccount("2", "B", null, null, Money.rub("2"));
    billing.put(PHONE, a, b, a);

    assertEquals(List.of(a, b), new LookupAccountsService(billing).lookup(PHONE));
  }

  @Test
  void lookupPassesABillingFailureOn() {
    billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "down"));

    UpstreamException e =
        assertThrows(
            UpstreamException.class, () -> new LookupAccountsService(billing).lookup(PHONE));
    assertEquals(ErrorCode.BILLING_UNAVAILABLE, e.code());
  }

  @Test
  void healthyUpstreamsReportNull() {
    Map<String, String> state = new UpstreamHealthService(billing, customers).check();

    assertEquals(List.of("billing", "freescout"), new ArrayList<>(state.keySet()));
    assertNull(state.get("billing"));
    assertNull(state.get("freescout"));
  }

  @Test
  void bothUpstreamsAreCheckedEvenWhenTheFirstFails() {
    billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "connection refused"));
    customers.failReadsWith(
        new UpstreamException(ErrorCode.CONFIGURATION, "FreeScout refused AIDA_FREESCOUT_API_KEY"));

    Map<String, String> state = new UpstreamHealthService(billing, customers).check();

    assertEquals("BILLING_UNAVAILABLE: connection refused", state.get("billing"));
    assertEquals("CONFIGURATION: FreeScout refused AIDA_FREESCOUT_API_KEY", state.get("freescout"));
  }

  @Test
  void oneFailingUpstreamDoesNotTaintTheOther() {
    customers.failReadsWith(new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "HTTP 503"));

    Map<String, String> state = new UpstreamHealthService(billing, customers).check();

    assertNull(state.get("billing"));
    assertEquals("HELPDESK_UNAVAILABLE: HTTP 503", state.get("freescout"));
  }

  @Test
  void anUnexpectedFailureIsReportedByTypeOnly() {
    BillingDirectory buggy =
        new BillingDirectory() {
          @Override
          public List<BillingAccount> findByPhone(Phone phone) {
            return List.of();
          }

          @Override
          public void ping() {
            throw new IllegalStateException("secret");
          }
        };

    Map<String, String> state = new UpstreamHealthService(buggy, customers).check();

    assertEquals("unexpected failure: IllegalStateException", state.get("billing"));
  }

  @Test
  void withAnExecutorBothPingsRunSideBySide() throws Exception {
    CountDownLatch billingIn = new CountDownLatch(1);
    CountDownLatch freescoutIn = new CountDownLatch(1);
    BillingDirectory slowBilling =
        new BillingDirectory() {
          @Override
          public List<BillingAccount> findByPhone(Phone phone) {
            return List.of();
          }

          @Override
          public void ping() {
            billingIn.countDown();
            SyncCustomerServiceTest.await(freescoutIn);
          }
        };
    SyncCustomerServiceTest.DelegatingCustomers slowFreescout =
        new SyncCustomerServiceTest.DelegatingCustomers(customers) {
          @Override
          public void ping() {
            freescoutIn.countDown();
            SyncCustomerServiceTest.await(billingIn);
          }
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Map<String, String> state =
          new UpstreamHealthService(slowBilling, slowFreescout, pool).check();

      assertEquals(Arrays.asList(null, null), new ArrayList<>(state.values()));
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }
}
