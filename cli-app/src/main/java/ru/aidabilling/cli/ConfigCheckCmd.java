package ru.aidabilling.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;

/** {@code aida-billing config check}: every setting, its source, what is wrong, and both pings. */
@Command(
    name = "check",
    header = "Show every setting and its source, validate, reach both upstreams.",
    mixinStandardHelpOptions = true,
    description = {
      "Prints every setting with where it came from (command line, environment, file, default;"
          + " secrets masked), validates them (those only aida-billing-http reads by the rules it"
          + " applies at start), then reaches billing and FreeScout without a lookup.",
      "Exit 0 when all is well, 7 when a setting is missing or wrong (or FreeScout refuses the"
          + " API key), 6 when an upstream cannot be reached."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aida-billing config check",
      "  aida-billing config check --config /etc/aida-billing.properties"
    })
final class ConfigCheckCmd implements Callable<Integer> {
  private final CliContext ctx;

  ConfigCheckCmd(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Settings settings;
    try {
      settings = ctx.settings();
    } catch (SettingsException e) {
      ctx.out.println("FAIL  " + e.getMessage());
      ctx.out.println("Result: configuration error (exit 7)");
      ctx.out.flush();
      return ExitCodes.CONFIGURATION;
    }
    ctx.out.println("Settings (value [source]):");
    int width = settings.describe().keySet().stream().mapToInt(String::length).max().orElse(0);
    settings
        .describe()
        .forEach((k, v) -> ctx.out.println("  " + k + " ".repeat(width - k.length() + 2) + v));
    ctx.out.println();
    ctx.out.println("Checks:");
    List<String> problems = new ArrayList<>(SettingsCheck.problems(settings));
    UpstreamHealthUseCase health = null;
    if (problems.isEmpty()) {
      try {
        health = ctx.wiring().health(); // the adapters' own rules (AIDA_BILLING_EXTRA_QUERY, …)
      } catch (SettingsException e) {
        problems.add(e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      ctx.out.println("  ok    every setting the command line uses is valid");
    }
    problems.forEach(p -> ctx.out.println("  FAIL  " + p));
    List<String> serviceProblems = SettingsCheck.serviceProblems(settings);
    if (serviceProblems.isEmpty()) {
      ctx.out.println("  ok    every setting only aida-billing-http reads is valid");
    }
    serviceProblems.forEach(
        p -> ctx.out.println("  FAIL  " + p + " (stops aida-billing-http at start)"));
    if (SettingsCheck.serviceWithoutTokens(settings)) {
      ctx.out.println(
          "  note  AIDA_API_TOKENS is not set: aida-billing-http refuses to start without it"
              + " (the command line does not need it)");
    }
    if (health == null) {
      ctx.out.println();
      ctx.out.println("Upstreams: not checked; fix the settings above first.");
      ctx.out.println("Result: configuration error (exit 7)");
      ctx.out.flush();
      return ExitCodes.CONFIGURATION;
    }
    Map<String, Optional<UpstreamException>> failures;
    try {
      failures = health.failures();
    } catch (SettingsException e) {
      ctx.out.println("  FAIL  " + e.getMessage());
      ctx.out.println("Result: configuration error (exit 7)");
      ctx.out.flush();
      return ExitCodes.CONFIGURATION;
    }
    ctx.out.println();
    ctx.out.println("Upstreams:");
    boolean unreachable = false;
    boolean refused = false;
    for (Map.Entry<String, Optional<UpstreamException>> e : failures.entrySet()) {
      if (e.getValue().isEmpty()) {
        ctx.out.println("  ok    " + e.getKey() + " reachable");
        continue;
      }
      UpstreamException problem = e.getValue().get();
      ctx.out.println(
          "  FAIL  "
              + e.getKey()
              + ": "
              + problem.code().name()
              + ": "
              + CliErrors.oneLine(problem.getMessage(), CliErrors.MAX_MESSAGE));
      if (problem.code() == ErrorCode.CONFIGURATION) {
        refused = true; // e.g. FreeScout's 401: the API key setting is ours to fix
      } else {
        unreachable = true;
      }
    }
    int exit =
        refused || !serviceProblems.isEmpty()
            ? ExitCodes.CONFIGURATION
            : unreachable ? ExitCodes.UPSTREAM : ExitCodes.OK;
    ctx.out.println(
        "Result: "
            + (exit == ExitCodes.OK
                ? "all good"
                : exit == ExitCodes.CONFIGURATION
                    ? "configuration error (exit 7)"
                    : "upstream unreachable (exit 6)"));
    ctx.out.flush();
    return exit;
  }
}
