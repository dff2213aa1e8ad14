package ru.aidabilling.core.port.in;

/** Sync one FreeScout customer from billing (spec 5). */
public interface SyncCustomerUseCase {
  /**
   * Never throws for an expected failure: every such failure is a {@link SyncOutcome.Failed} with
   * its stable code, and an unexpected one is {@code INTERNAL}; when an exception was behind the
   * failure, it is the outcome's {@link SyncOutcome.Failed#cause}. Applied changes are in the audit
   * trail before this returns.
   *
   * @throws NullPointerException when {@code command} is null
   */
  SyncOutcome sync(SyncCommand command);
}
