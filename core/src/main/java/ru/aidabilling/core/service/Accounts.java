package ru.aidabilling.core.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.aidabilling.core.domain.BillingAccount;

/** What the services do alike with billing's accounts. */
final class Accounts {
  private Accounts() {}

  /**
   * Accounts in billing's order, each distinct account once: billing repeats an account it finds
   * through two of the phone's forms.
   */
  static List<BillingAccount> distinct(List<BillingAccount> accounts) {
    Map<String, BillingAccount> byIdentity = new LinkedHashMap<>();
    for (BillingAccount a : accounts) {
      byIdentity.putIfAbsent(a.identity(), a);
    }
    return new ArrayList<>(byIdentity.values());
  }
}
