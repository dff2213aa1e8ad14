package ru.aidabilling.http.metrics;

import java.util.List;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.port.out.BillingDirectory;

/** Billing as the service sees it, with every call's latency and outcome on {@code /metrics}. */
public final class TimedBillingDirectory implements BillingDirectory {
  private final BillingDirectory delegate;
  private final UpstreamTimer timer;

  public TimedBillingDirectory(BillingDirectory delegate, Metrics metrics) {
    this.delegate = delegate;
    this.timer = new UpstreamTimer(metrics, "billing");
  }

  @Override
  public List<BillingAccount> findByPhone(Phone phone) {
    return timer.time("lookup", () -> delegate.findByPhone(phone));
  }

  @Override
  public void ping() {
    timer.run("ping", delegate::ping);
  }
}
