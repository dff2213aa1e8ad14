package ru.aidabilling.adapter.freescout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerDirectoryContract;
import ru.aidabilling.core.testing.RawServer;

/**
 * The help-desk contract against the real adapter talking over loopback HTTP to a fake FreeScout
 * that keeps the real API's rules (PHP escapes, snake-cased partial PUT, 500 on the seed's nested
 * zip, paging with totalPages).
 */
class FreeScoutCustomerDirectoryContractTest extends CustomerDirectoryContract {
  private FakeFreeScout fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  @Override
  protected CustomerDirectory customersWith(List<CustomerProfile> customers) {
    if (fake != null) {
      fake.close();
    }
    fake = new FakeFreeScout();
    customers.forEach(fake::put);
    return new FreeScoutCustomerDirectory(FreeScoutConfig.of(fake.baseUrl(), FakeFreeScout.KEY));
  }

  @Override
  protected Optional<CustomerProfile> stored(CustomerId id) {
    return fake.stored(id);
  }

  @Override
  protected CustomerDirectory customersDown() {
    return new FreeScoutCustomerDirectory(
        FreeScoutConfig.of(RawServer.refusedUri(""), FakeFreeScout.KEY)
            .withRetryDelay(Duration.ofMillis(10)));
  }
}
