package ru.aidabilling.core.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;

/**
 * FreeScout's customers held in memory, for tests, embedding and the sandbox. Applies patches as
 * FreeScout does (partial, zip cut to 12 characters), records every update, and can be told to fail
 * reads or writes. Thread-safe: an update applies its patch to the customer as stored at that
 * moment, in one step, so concurrent updates of one customer all land.
 */
public final class InMemoryCustomerDirectory implements CustomerDirectory {
  private final ConcurrentHashMap<CustomerId, CustomerProfile> customers =
      new ConcurrentHashMap<>();
  private final List<Update> updates = new CopyOnWriteArrayList<>();
  private final AtomicReference<UpstreamException> readFailure = new AtomicReference<>();
  private final AtomicReference<UpstreamException> writeFailure = new AtomicReference<>();

  /** One update call as received. */
  public record Update(CustomerId id, ProfilePatch patch) {}

  public InMemoryCustomerDirectory put(CustomerProfile profile) {
    customers.put(profile.id(), profile);
    return this;
  }

  /** Deletes the customer, as an agent deleting or merging it in FreeScout would. */
  public InMemoryCustomerDirectory remove(CustomerId id) {
    customers.remove(id);
    return this;
  }

  public Optional<CustomerProfile> get(CustomerId id) {
    return Optional.ofNullable(customers.get(id));
  }

  public List<Update> updates() {
    return List.copyOf(updates);
  }

  public void failReadsWith(UpstreamException e) {
    readFailure.set(e);
  }

  public void failWritesWith(UpstreamException e) {
    writeFailure.set(e);
  }

  @Override
  public Optional<CustomerProfile> find(CustomerId id) {
    throwIfSet(readFailure);
    return Optional.ofNullable(customers.get(id));
  }

  @Override
  public void update(CustomerId id, ProfilePatch patch) {
    throwIfSet(writeFailure);
    // one atomic step per customer: two patches at once both land, as FreeScout applies both
    CustomerProfile after =
        customers.computeIfPresent(
            id,
            (key, now) -> {
              updates.add(new Update(id, patch));
              return now.apply(patch);
            });
    if (after == null) {
      throw new UpstreamException(
          ErrorCode.CUSTOMER_NOT_FOUND, "Клиент " + id + " не найден в FreeScout");
    }
  }

  @Override
  public CustomerPage list(PageQuery query) {
    throwIfSet(readFailure);
    List<CustomerProfile> all = new ArrayList<>(customers.values());
    all.removeIf(
        c ->
            query.updatedSince().isPresent()
                && (c.createdAt() == null || c.createdAt().isBefore(query.updatedSince().get())));
    all.sort(
        Comparator.comparing(
                (CustomerProfile c) -> c.createdAt() == null ? Instant.EPOCH : c.createdAt())
            .thenComparingLong(c -> c.id().value()));
    int totalPages = Math.max(1, (all.size() + query.pageSize() - 1) / query.pageSize());
    int from = Math.min(all.size(), (query.page() - 1) * query.pageSize());
    int to = Math.min(all.size(), from + query.pageSize());
    return new CustomerPage(all.subList(from, to), query.page(), totalPages, all.size());
  }

  @Override
  public void ping() {
    throwIfSet(readFailure);
  }

  private static void throwIfSet(AtomicReference<UpstreamException> ref) {
    UpstreamException e = ref.get();
    if (e != null) {
      throw e;
    }
  }
}
