package ru.aidabilling.core.port.out;

import java.util.List;
import ru.aidabilling.core.domain.CustomerProfile;

/**
 * One page of a customer listing; {@code totalPages} as FreeScout reports it (trusted).
 *
 * @param totalElements the customers the whole listing holds as of this page, -1 when unknown: a
 *     walker that sees it fall knows customers were deleted behind it, so that later ones moved
 *     onto pages it had already read
 */
public record CustomerPage(
    List<CustomerProfile> customers, int page, int totalPages, long totalElements) {
  public CustomerPage {
    customers = List.copyOf(customers);
  }

  /** A page whose listing's size is unknown. */
  public CustomerPage(List<CustomerProfile> customers, int page, int totalPages) {
    this(customers, page, totalPages, -1);
  }

  public boolean isLast() {
    return page >= totalPages;
  }
}
