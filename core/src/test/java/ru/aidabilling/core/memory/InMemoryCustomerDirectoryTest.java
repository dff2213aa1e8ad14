package ru.aidabilling.core.memory;

import java.util.List;
import java.util.Optional;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerDirectoryContract;

/** The in-memory help desk keeps the same contract as the FreeScout adapter. */
class InMemoryCustomerDirectoryTest extends CustomerDirectoryContract {
  private InMemoryCustomerDirectory current;

  @Override
  protected CustomerDirectory customersWith(List<CustomerProfile> customers) {
    current = new InMemoryCustomerDirectory();
    customers.forEach(current::put);
    return current;
  }

  @Override
  protected Optional<CustomerProfile> stored(CustomerId id) {
    return current.get(id);
  }

  @Override
  protected CustomerDirectory customersDown() {
    InMemoryCustomerDirectory down = new InMemoryCustomerDirectory();
    UpstreamException e = new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "help desk down");
    down.failReadsWith(e);
    down.failWritesWith(e);
    return down;
  }
}
