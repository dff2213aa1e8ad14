package ru.aidabilling.core.port.out;

import java.time.Instant;
import java.util.Optional;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ProfilePatch;

/** The help desk's customers (FreeScout). */
public interface CustomerDirectory {
  /**
   * @return the customer, or empty when the id is unknown (never {@code null})
   * @throws ru.aidabilling.core.domain.UpstreamException {@code HELPDESK_UNAVAILABLE}, {@code
   *     CONFIGURATION} (bad API key), {@code DEADLINE_EXCEEDED}
   */
  Optional<CustomerProfile> find(CustomerId id);

  /**
   * As {@link #find(CustomerId)}, but the exchange must be over by {@code endBy} (an adapter over
   * the network cuts its time-outs to fit). The default ignores it, for ports that answer at once.
   */
  default Optional<CustomerProfile> find(CustomerId id, Instant endBy) {
    return find(id);
  }

  /**
   * Applies a partial update: only the patch's fields change. Applying the same patch twice leaves
   * the same state (so a retried PUT is safe).
   *
   * @throws ru.aidabilling.core.domain.UpstreamException as {@link #find}, and {@code
   *     CUSTOMER_NOT_FOUND} when the customer vanished
   */
  void update(CustomerId id, ProfilePatch patch);

  /**
   * As {@link #update(CustomerId, ProfilePatch)}, but the exchange must be over by {@code endBy}:
   * an adapter over the network shortens its time-outs to fit (and drops a retry that does not).
   * The default ignores it, for ports that answer at once.
   */
  default void update(CustomerId id, ProfilePatch patch, Instant endBy) {
    update(id, patch);
  }

  /** One page of customers, oldest first (page numbers start at 1). */
  CustomerPage list(PageQuery query);

  /**
   * Proves the help desk is reachable and the key accepted, without reading a customer's data.
   *
   * @throws ru.aidabilling.core.domain.UpstreamException when it is not
   */
  void ping();
}
