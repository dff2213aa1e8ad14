package ru.aidabilling.core.port.in;

import java.util.List;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Phone;

/** Read-only billing lookup: shows the accounts for a phone and writes nothing. */
public interface LookupAccountsUseCase {
  /**
   * @throws ru.aidabilling.core.domain.UpstreamException when billing cannot answer
   */
  List<BillingAccount> lookup(Phone phone);
}
