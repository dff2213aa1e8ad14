package ru.aidabilling.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;

/** {@code aida-billing config check}: every setting, its source, what is wrong, and both pings. */
@Command(
    name = "check",
    header = "Show every setting and its source, validate, reach both upstreams.",
    mixinStandardHelpOptions = true,
    description = {
      "Prints every setting with where it came from (command line, environment, file, default;"
          + " secrets masked), validates them, then reaches billing and FreeScout without a"
          + " lookup.",
      "Exit 0 when all is well, 7 when a setting is missing or wrong (or FreeScout refuses the"
          + " API key), 6 when an upstream cannot be reached."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aida-billing config check",
      "  aida-billing config check --config /etc/aida-billing.properties"
    })
final class ConfigCheckCmd implements Callable<Integer> {
  private static final Pattern NAMES_A_SETTING = Pattern.compile("AIDA_[A-Z_]+");
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
    List<String> problems = SettingsCheck.problems(settings);
    if (problems.isEmpty()) {
      ctx.out.println("  ok    every setting the command line uses is valid");
    }
    problems.forEach(p -> ctx.out.println("  FAIL  " + p));
    if (!problems.isEmpty()) {
      ctx.out.println();
      ctx.out.println("Upstreams: not checked; fix the settings above first.");
      ctx.out.println("Result: configuration error (exit 7)");
      ctx.out.flush();
      return ExitCodes.CONFIGURATION;
    }
    Map<String, String> health;
    try {
      health = ctx.wiring().health().check();
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
    for (Map.Entry<String, String> e : health.entrySet()) {
      if (e.getValue() == null) {
        ctx.out.println("  ok    " + e.getKey() + " reachable");
      } else {
        ctx.out.println("  FAIL  " + e.getKey() + ": " + e.getValue());
        // A refusal that names a setting (FreeScout's 401 → AIDA_FREESCOUT_API_KEY) is ours to fix.
        if (NAMES_A_SETTING.matcher(e.getValue()).find()) {
          refused = true;
        } else {
          unreachable = true;
        }
      }
    }
    int exit = refused ? ExitCodes.CONFIGURATION : unreachable ? ExitCodes.UPSTREAM : ExitCodes.OK;
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
