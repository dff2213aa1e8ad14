package ru.aidabilling.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.parse.PhoneParser;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.settings.SettingsException;
import ru.aidabilling.core.wire.Wire;

/** {@code aida-billing sync CUSTOMER_ID}: one customer, as the help desk's button does it. */
@Command(
    name = SyncCmd.NAME,
    header = SyncCmd.HEADER,
    mixinStandardHelpOptions = true,
    description = {
      "Finds the customer's billing account by phone, shows balance, ФИО, contract and tariff,"
          + " and writes the billing identity into the FreeScout profile: first and last name,"
          + " company (= contract) and the settlement.",
      "Every applied change is recorded in the audit log (AIDA_AUDIT_FILE) with the actor"
          + " operator:<your login>, so 'aida-billing undo' can put it back."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aida-billing sync 31",
      "  aida-billing sync 31 --dry-run           show the changes, write nothing",
      "  aida-billing sync 31 --contract 0138     pick one of several accounts",
      "  aida-billing sync 31 --phone 89004445566 --force-phone",
      "                                           use a phone not on the profile",
      "  aida-billing sync 31 --json | jq .account.balance"
    })
final class SyncCmd implements Callable<Integer> {
  /** The name and header of the top help's line, also for the summary that stands in for it. */
  static final String NAME = "sync";

  static final String HEADER = "Sync one customer from billing into FreeScout.";

  private final CliContext ctx;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "FreeScout customer id.")
  String customerId;

  @Option(
      names = "--phone",
      paramLabel = "PHONE",
      description = "Look up this phone (must be on the profile unless --force-phone).")
  String phone;

  @Option(names = "--force-phone", description = "Allow a --phone that is not on the profile.")
  boolean forcePhone;

  @Option(
      names = "--contract",
      paramLabel = "CONTRACT",
      description = "Choose this contract when billing has several.")
  String contract;

  @Option(names = "--dry-run", description = "Show what would change; write nothing.")
  boolean dryRun;

  @Option(names = "--fill-empty", description = "Only fill fields that are empty now.")
  boolean fillEmpty;

  @Option(names = "--json", description = "Print the spec-11 JSON (success or problem).")
  boolean json;

  SyncCmd(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return dryRun ? run() : ctx.finishingOnStop("sync", this::run);
  }

  private Integer run() {
    RequestId requestId = RequestId.generate();
    CustomerId id;
    Optional<Phone> chosen = Optional.empty();
    try {
      id = CustomerId.of(Long.parseLong(customerId.strip()));
    } catch (IllegalArgumentException e) {
      return invalid(
          "CUSTOMER_ID must be a positive whole number, got '" + customerId + "'", requestId);
    }
    if (phone != null) {
      chosen = PhoneParser.parse(phone);
      if (chosen.isEmpty()) {
        return invalid("--phone is not a Russian phone number: '" + phone + "'", requestId);
      }
    } else if (forcePhone) {
      return invalid("--force-phone needs --phone", requestId);
    }
    if (contract != null && contract.isBlank()) {
      return invalid("--contract must not be blank", requestId);
    }
    SyncCommand command =
        new SyncCommand(
            id,
            chosen,
            Optional.ofNullable(contract),
            dryRun,
            fillEmpty ? Optional.of(WritePolicy.FILL_EMPTY) : Optional.empty(),
            ctx.actor(),
            requestId,
            forcePhone);
    SyncOutcome outcome;
    try {
      if (!dryRun) {
        ctx.wiring().checkAuditLog(); // before FreeScout is written, not after
      }
      outcome = ctx.wiring().sync().sync(command);
    } catch (UpstreamException e) {
      if (!json) {
        throw e;
      }
      ctx.printJson(Wire.problem(e.code(), e.getMessage(), requestId));
      return ExitCodes.of(e.code());
    } catch (SettingsException e) {
      if (!json) {
        throw e;
      }
      ctx.printJson(Wire.problem(ErrorCode.CONFIGURATION, e.getMessage(), requestId));
      return ExitCodes.CONFIGURATION;
    }
    if (outcome instanceof SyncOutcome.Synced s) {
      if (json) {
        ctx.printJson(Wire.synced(s));
      } else {
        Human.synced(s, ctx.out);
      }
      return ExitCodes.OK;
    }
    SyncOutcome.Failed f = (SyncOutcome.Failed) outcome;
    if (json) {
      ctx.printJson(Wire.problem(f));
    } else {
      Human.failed(f, ctx.err);
    }
    return ExitCodes.of(f.code());
  }

  private int invalid(String detail, RequestId requestId) {
    if (json) {
      ctx.printJson(Wire.problem(ErrorCode.VALIDATION, detail, requestId));
      return ExitCodes.USAGE;
    }
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), detail);
  }
}
