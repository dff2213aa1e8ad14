package ru.aidabilling.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.wire.Wire;
import ru.aidabilling.http.HttpAnswer;

/**
 * {@code POST /api/v1/customers/{id}/sync} with {@code {phone?, contract?, dryRun?}}: validates the
 * request, runs the sync use case and answers spec 11's shapes. The sandbox's own sync route calls
 * the same method, so the demo page sees exactly what the module sees.
 */
public final class SyncEndpoint {
  private final SyncCustomerUseCase sync;

  public SyncEndpoint(SyncCustomerUseCase sync) {
    this.sync = sync;
  }

  /**
   * @param idSegment the raw {@code {id}} path segment
   * @param body the raw request body; empty means no options
   * @param writeBy the instant the sync's write must be over by (see {@link SyncCommand})
   * @throws BadRequest when the id or body is invalid
   */
  public HttpAnswer handle(
      String idSegment, byte[] body, Actor actor, RequestId requestId, Optional<Instant> writeBy) {
    CustomerId id = Fields.customerIdSegment(idSegment);
    ObjectNode json = Json.readObject(body, true);
    SyncCommand command =
        new SyncCommand(
            id,
            Fields.optionalPhone(json, "phone"),
            Fields.optionalContract(json, "contract"),
            Fields.optionalBoolean(json, "dryRun"),
            Optional.empty(),
            actor,
            requestId,
            false,
            writeBy);
    return answer(sync.sync(command));
  }

  /** The spec-11 answer for an outcome: 200 with the sync, or the problem with its status. */
  public static HttpAnswer answer(SyncOutcome outcome) {
    if (outcome instanceof SyncOutcome.Synced s) {
      return Answers.json(200, Wire.synced(s));
    }
    return Answers.problem((SyncOutcome.Failed) outcome);
  }
}
