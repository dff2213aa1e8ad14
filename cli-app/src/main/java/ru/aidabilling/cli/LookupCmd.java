package ru.aidabilling.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.parse.PhoneParser;
import ru.aidabilling.core.settings.SettingsException;
import ru.aidabilling.core.wire.Wire;

/** {@code aida-billing lookup --phone P}: what billing holds for a phone; writes nothing. */
@Command(
    name = LookupCmd.NAME,
    header = LookupCmd.HEADER,
    mixinStandardHelpOptions = true,
    description = "Shows the billing accounts for a phone. Reads billing only; writes nothing.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  aida-billing lookup --phone +79004445566",
      "  aida-billing lookup --phone '8 (900) 444-55-66' --json"
    })
final class LookupCmd implements Callable<Integer> {
  /** The name and header of the top help's line, also for the summary that stands in for it. */
  static final String NAME = "lookup";

  static final String HEADER = "Show the billing accounts for a phone (read-only).";

  private final CliContext ctx;
  @Spec CommandSpec spec;

  @Option(
      names = "--phone",
      required = true,
      paramLabel = "PHONE",
      description = "Phone in any common Russian form.")
  String phone;

  @Option(
      names = "--json",
      description =
          "Print {\"phone\", \"accounts\": [...]} as http-app's accounts route does (an empty"
              + " list, exit 3, when billing knows none).")
  boolean json;

  LookupCmd(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Optional<Phone> parsed = PhoneParser.parse(phone);
    if (parsed.isEmpty()) {
      String detail = "--phone is not a Russian phone number: '" + phone + "'";
      if (json) {
        ctx.printJson(Wire.problem(ErrorCode.VALIDATION, detail, null));
        return ExitCodes.USAGE;
      }
      throw new ParameterException(spec.commandLine(), detail);
    }
    Phone p = parsed.get();
    List<BillingAccount> accounts;
    try {
      accounts = ctx.wiring().lookup().lookup(p);
    } catch (UpstreamException e) {
      return problem(e.code(), e.getMessage());
    } catch (SettingsException e) {
      return problem(ErrorCode.CONFIGURATION, e.getMessage());
    }
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("phone", p.e164());
      body.put("accounts", accounts.stream().map(Wire::account).toList());
      ctx.printJson(body);
      return accounts.isEmpty() ? ExitCodes.of(ErrorCode.NOT_IN_BILLING) : ExitCodes.OK;
    }
    if (accounts.isEmpty()) {
      return problem(
          ErrorCode.NOT_IN_BILLING, "Клиент с телефоном " + p.e164() + " не найден в биллинге");
    }
    ctx.out.println("Телефон " + p.e164() + ": счетов в биллинге: " + accounts.size());
    for (BillingAccount a : accounts) {
      ctx.out.println();
      Human.account(a, ctx.out, "  ");
    }
    ctx.out.flush();
    return ExitCodes.OK;
  }

  private int problem(ErrorCode code, String detail) {
    if (json) {
      ctx.printJson(Wire.problem(code, detail, null));
    } else {
      ctx.err.println("aida-billing: " + code.name() + ": " + detail);
      ctx.err.flush();
    }
    return ExitCodes.of(code);
  }
}
