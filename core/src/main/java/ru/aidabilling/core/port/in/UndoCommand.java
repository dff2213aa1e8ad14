package ru.aidabilling.core.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.RequestId;

/**
 * Undo recorded changes: all changes of one customer (optionally only those since a time), or all
 * changes of one earlier request. Exactly one of {@code customer} and {@code request} is present.
 */
public record UndoCommand(
    Optional<CustomerId> customer,
    Optional<Instant> since,
    Optional<RequestId> request,
    boolean dryRun,
    Actor actor,
    RequestId requestId) {
  public UndoCommand {
    customer = customer == null ? Optional.empty() : customer;
    since = since == null ? Optional.empty() : since;
    request = request == null ? Optional.empty() : request;
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(requestId, "requestId");
    if (customer.isPresent() == request.isPresent()) {
      throw new IllegalArgumentException("undo takes either a customer or a request id");
    }
    if (since.isPresent() && customer.isEmpty()) {
      throw new IllegalArgumentException("--since goes with --customer");
    }
  }
}
