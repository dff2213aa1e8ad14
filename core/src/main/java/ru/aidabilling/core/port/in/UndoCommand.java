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
  /** Undo every recorded change of this customer (a new request id, not a dry run). */
  public static UndoCommand customer(CustomerId customer, Actor actor) {
    return new UndoCommand(
        Optional.of(customer),
        Optional.empty(),
        Optional.empty(),
        false,
        actor,
        RequestId.generate());
  }

  /** Undo every change one earlier request made (a new request id, not a dry run). */
  public static UndoCommand request(RequestId earlier, Actor actor) {
    return new UndoCommand(
        Optional.empty(),
        Optional.empty(),
        Optional.of(earlier),
        false,
        actor,
        RequestId.generate());
  }

  /** This customer's undo limited to the changes recorded at or after {@code since}. */
  public UndoCommand since(Instant since) {
    return new UndoCommand(customer, Optional.of(since), request, dryRun, actor, requestId);
  }

  /** This undo as a dry run: the answer lists what would be restored, nothing is written. */
  public UndoCommand asDryRun() {
    return new UndoCommand(customer, since, request, true, actor, requestId);
  }

  /** This undo under the caller's own request id (for its logs and its audit records). */
  public UndoCommand withRequestId(RequestId requestId) {
    return new UndoCommand(customer, since, request, dryRun, actor, requestId);
  }

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
      throw new IllegalArgumentException("since goes with a customer, not with a request id");
    }
  }
}
