package ru.aidabilling.cli;

import java.util.Optional;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;

/**
 * Tells a stop (Ctrl-C, SIGTERM) whether a write to FreeScout has begun in this run, and lets no
 * write begin after it. {@code sync} and {@code undo} then hold the stop only while a write may be
 * unrecorded; a stop before any write ends the run at once, and none starts later. Thread-safe.
 */
public final class WriteGate {
  private boolean stopped;
  private int begun;

  /** Called before a write; false once the run is stopping (the write must not start). */
  synchronized boolean begin() {
    if (stopped) {
      return false;
    }
    begun++;
    return true;
  }

  /** Stops further writes; whether any has begun (and so may still need recording). */
  synchronized boolean stopAndAnyBegun() {
    stopped = true;
    return begun > 0;
  }

  /** {@code customers} with every write passing this gate first. */
  CustomerDirectory guard(CustomerDirectory customers) {
    WriteGate gate = this;
    return new CustomerDirectory() {
      @Override
      public Optional<CustomerProfile> find(CustomerId id) {
        return customers.find(id);
      }

      @Override
      public Optional<CustomerProfile> find(CustomerId id, java.time.Instant endBy) {
        return customers.find(id, endBy);
      }

      @Override
      public void update(CustomerId id, ProfilePatch patch) {
        gate.check(id);
        customers.update(id, patch);
      }

      @Override
      public void update(CustomerId id, ProfilePatch patch, java.time.Instant endBy) {
        gate.check(id);
        customers.update(id, patch, endBy);
      }

      @Override
      public CustomerPage list(PageQuery query) {
        return customers.list(query);
      }

      @Override
      public void ping() {
        customers.ping();
      }
    };
  }

  private void check(CustomerId id) {
    if (!begin()) {
      throw new UpstreamException(
          ErrorCode.HELPDESK_UNAVAILABLE,
          "Остановлено до записи клиента " + id + ": ничего не изменено.",
          null,
          false); // nothing was sent: the sync need not read the customer again
    }
  }
}
