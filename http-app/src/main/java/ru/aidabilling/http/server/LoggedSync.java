package ru.aidabilling.http.server;

import java.util.logging.Level;
import java.util.logging.Logger;
import ru.aidabilling.core.logging.LogSafety;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.SyncOutcome;

/**
 * Logs what each sync did, whichever route asked (v1, {@code /get_balance}, webhook, sandbox): one
 * line on {@code ru.aidabilling.http.sync} with the request id, customer, actor, status or code,
 * the names of the changed fields (never their values), the phone masked and the account holder's
 * name as its first letter. The access line says that a request answered 200; this says what
 * happened.
 */
final class LoggedSync implements SyncCustomerUseCase {
  static final Logger LOG = Logger.getLogger("ru.aidabilling.http.sync");

  private final SyncCustomerUseCase delegate;

  LoggedSync(SyncCustomerUseCase delegate) {
    this.delegate = delegate;
  }

  @Override
  public SyncOutcome sync(SyncCommand command) {
    SyncOutcome outcome = delegate.sync(command);
    if (LOG.isLoggable(Level.INFO)) {
      LOG.info(line(command, outcome));
    }
    return outcome;
  }

  static String line(SyncCommand command, SyncOutcome outcome) {
    StringBuilder b =
        new StringBuilder()
            .append(LogSafety.maskPhones(command.requestId().value()))
            .append(" sync customer=")
            .append(command.customerId().value())
            .append(" actor=")
            .append(LogSafety.maskPhones(command.actor().value()));
    if (outcome instanceof SyncOutcome.Synced s) {
      b.append(" status=")
          .append(s.status().wireName())
          .append(" fields=")
          .append(s.changes().stream().map(c -> c.field().apiName()).toList())
          .append(" phone=")
          .append(s.phone().masked())
          .append(" contract=")
          .append(s.account().contract())
          .append(" holder=")
          .append(LogSafety.maskName(s.account().fullName()));
    } else {
      b.append(" code=").append(((SyncOutcome.Failed) outcome).code().name());
    }
    return b.toString();
  }
}
