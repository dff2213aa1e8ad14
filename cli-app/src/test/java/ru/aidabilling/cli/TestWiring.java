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
    implements Wiring {}
