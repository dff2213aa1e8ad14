package ru.aidabilling.cli;

import ru.aidabilling.core.port.in.LookupAccountsUseCase;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.UndoUseCase;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;
import ru.aidabilling.core.port.out.CustomerDirectory;

/** A wiring of whatever use cases a test hands in. */
record TestWiring(
    SyncCustomerUseCase sync,
    LookupAccountsUseCase lookup,
    UndoUseCase undo,
    UpstreamHealthUseCase health,
    CustomerDirectory customers)
    implements Wiring {

  /** This wiring with an audit-log check that runs {@code check} (which throws to refuse). */
  Wiring withAuditCheck(Runnable check) {
    TestWiring base = this;
    return new Wiring() {
      @Override
      public SyncCustomerUseCase sync() {
        return base.sync();
      }

      @Override
      public LookupAccountsUseCase lookup() {
        return base.lookup();
      }

      @Override
      public UndoUseCase undo() {
        return base.undo();
      }

      @Override
      public UpstreamHealthUseCase health() {
        return base.health();
      }

      @Override
      public CustomerDirectory customers() {
        return base.customers();
      }

      @Override
      public void checkAuditLog() {
        check.run();
      }
    };
  }
}
