package ru.aidabilling.http.metrics;

import java.util.Optional;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;

/** FreeScout as the service sees it, with every call's latency and outcome on {@code /metrics}. */
public final class TimedCustomerDirectory implements CustomerDirectory {
  private final CustomerDirectory delegate;
  private final UpstreamTimer timer;

  public TimedCustomerDirectory(CustomerDirectory delegate, Metrics metrics) {
    this.delegate = delegate;
    this.timer = new UpstreamTimer(metrics, "freescout");
  }

  @Override
  public Optional<CustomerProfile> find(CustomerId id) {
    return timer.time("find", () -> delegate.find(id));
  }

  @Override
  public Optional<CustomerProfile> find(CustomerId id, java.time.Instant endBy) {
    return timer.time("find", () -> delegate.find(id, endBy));
  }

  @Override
  public void update(CustomerId id, ProfilePatch patch) {
    timer.run("update", () -> delegate.update(id, patch));
  }

  @Override
  public void update(CustomerId id, ProfilePatch patch, java.time.Instant endBy) {
    timer.run("update", () -> delegate.update(id, patch, endBy));
  }

  @Override
  public CustomerPage list(PageQuery query) {
    return timer.time("list", () -> delegate.list(query));
  }

  @Override
  public void ping() {
    timer.run("ping", delegate::ping);
  }
}
