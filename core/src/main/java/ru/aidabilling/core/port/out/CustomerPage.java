package ru.aidabilling.core.port.out;

import java.util.List;
import ru.aidabilling.core.domain.CustomerProfile;

/** One page of a customer listing; {@code totalPages} as FreeScout reports it (trusted). */
public record CustomerPage(List<CustomerProfile> customers, int page, int totalPages) {
  public CustomerPage {
    customers = List.copyOf(customers);
  }

  public boolean isLast() {
    return page >= totalPages;
  }
}
