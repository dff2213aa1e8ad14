package ru.aidabilling.http;

import java.util.Objects;
import ru.aidabilling.core.port.in.LookupAccountsUseCase;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;

/** The core's inbound ports the HTTP service calls: all it knows of the core's behaviour. */
public record UseCases(
    SyncCustomerUseCase sync, LookupAccountsUseCase lookup, UpstreamHealthUseCase health) {
  public UseCases {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(health, "health");
  }
}
