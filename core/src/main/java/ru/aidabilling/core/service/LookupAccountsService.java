package ru.aidabilling.core.service;

import java.util.List;
import java.util.Objects;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.port.in.LookupAccountsUseCase;
import ru.aidabilling.core.port.out.BillingDirectory;

/**
 * The read-only lookup behind {@code GET /api/v1/billing/accounts} and {@code aida-billing lookup}:
 * billing's accounts for a phone, in billing's order, each once (as a sync sees them), without
 * touching FreeScout.
 */
public final class LookupAccountsService implements LookupAccountsUseCase {
  private final BillingDirectory billing;

  public LookupAccountsService(BillingDirectory billing) {
    this.billing = Objects.requireNonNull(billing, "billing");
  }

  @Override
  public List<BillingAccount> lookup(Phone phone) {
    return List.copyOf(
        Accounts.distinct(billing.findByPhone(Objects.requireNonNull(phone, "phone"))));
  }
}
