package ru.aidabilling.core.port.out;

import java.time.Instant;
import java.util.Optional;

/** Which page of customers to list: oldest first, optionally only those updated since a time. */
public record PageQuery(int page, int pageSize, Optional<Instant> updatedSince) {
  public PageQuery {
    if (page < 1) {
      throw new IllegalArgumentException("page starts at 1");
    }
    if (pageSize < 1 || pageSize > 500) {
      throw new IllegalArgumentException("page size must be 1..500");
    }
    updatedSince = updatedSince == null ? Optional.empty() : updatedSince;
  }
}
