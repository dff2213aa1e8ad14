package ru.aidabilling.core.port.out;

import java.util.List;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Phone;

/** The provider's billing system, looked up by phone. */
public interface BillingDirectory {
  /**
   * The accounts billing holds for this phone, in billing's order; empty when it has none, never
   * {@code null}.
   *
   * @throws ru.aidabilling.core.domain.UpstreamException {@code BILLING_UNAVAILABLE} (or {@code
   *     DEADLINE_EXCEEDED}, {@code CONFIGURATION}) when billing cannot answer — never an empty list
   */
  List<BillingAccount> findByPhone(Phone phone);

  /**
   * Proves billing is reachable without a lookup (any HTTP answer counts).
   *
   * @throws ru.aidabilling.core.domain.UpstreamException when it is not
   */
  void ping();
}
