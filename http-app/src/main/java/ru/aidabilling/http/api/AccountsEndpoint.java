package ru.aidabilling.http.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.in.LookupAccountsUseCase;
import ru.aidabilling.core.wire.Wire;
import ru.aidabilling.http.HttpAnswer;

/**
 * {@code GET /api/v1/billing/accounts?phone=}: the read-only billing lookup. Answers {@code
 * {"phone", "accounts": [...], "requestId"}} (an empty list when billing knows no account), 400 for
 * a missing or unreadable phone, and the upstream's problem (502) when billing is down.
 */
public final class AccountsEndpoint {
  private final LookupAccountsUseCase lookup;

  public AccountsEndpoint(LookupAccountsUseCase lookup) {
    this.lookup = lookup;
  }

  /**
   * @param phoneValues every {@code phone} query value given (exactly one is accepted)
   */
  public HttpAnswer handle(List<String> phoneValues, RequestId requestId) {
    if (phoneValues == null || phoneValues.isEmpty() || phoneValues.get(0).isBlank()) {
      throw new BadRequest("Не указан параметр phone (пример: ?phone=%2B79004445566)");
    }
    if (phoneValues.size() > 1) {
      throw new BadRequest("Параметр phone указан несколько раз");
    }
    Phone phone = Fields.phone("phone", phoneValues.get(0));
    List<BillingAccount> accounts;
    try {
      accounts = lookup.lookup(phone);
    } catch (UpstreamException e) {
      return Answers.problem(e.code(), e.getMessage(), requestId);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phone", phone.e164());
    m.put("accounts", accounts.stream().map(Wire::account).toList());
    m.put("requestId", requestId.value());
    return Answers.json(200, m);
  }
}
