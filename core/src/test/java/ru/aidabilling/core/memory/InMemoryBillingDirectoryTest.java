package ru.aidabilling.core.memory;

import java.util.List;
import java.util.Map;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.BillingDirectory;
import ru.aidabilling.core.port.out.BillingDirectoryContract;

/** The in-memory billing keeps the same contract as the HTTP adapter. */
class InMemoryBillingDirectoryTest extends BillingDirectoryContract {
  @Override
  protected BillingDirectory billingWith(Map<Phone, List<BillingAccount>> data) {
    InMemoryBillingDirectory billing = new InMemoryBillingDirectory();
    data.forEach((phone, accounts) -> billing.put(phone, accounts.toArray(BillingAccount[]::new)));
    return billing;
  }

  @Override
  protected BillingDirectory billingDown() {
    InMemoryBillingDirectory billing = new InMemoryBillingDirectory();
    billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "billing is down"));
    return billing;
  }
}
