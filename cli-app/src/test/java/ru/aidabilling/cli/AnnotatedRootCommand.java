package ru.aidabilling.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command as annotations declared it until its model was built with picocli's API ({@link
 * RootCommand}): kept here, unchanged, as the reference {@code RootCommandModelTest} compares the
 * programmatic model with.
 */
@Command(
    name = "aida-billing",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Syncs FreeScout customers from the provider's billing system: balance, ФИО, contract,"
          + " tariff and settlement.",
      "Settings come from the environment (AIDA_*), a properties file (--config or AIDA_CONFIG)"
          + " and the options below; run 'aida-billing config check' to see them all."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aida-billing sync 31                      sync customer 31 from billing",
      "  aida-billing sync 31 --dry-run --json     show what would change, as JSON",
      "  aida-billing lookup --phone +79004445566  what billing holds for a phone",
      "  aida-billing parse --name 'Иванов И.И.'   how a name is read",
      "  aida-billing sync-all --concurrency 8 --report sync-all.jsonl",
      "  aida-billing undo --request 01JD4X8R6Z3Q5N7M9P2K4W6Y8B",
      "  aida-billing config check",
      "  source <(aida-billing generate-completion)   completion for bash and zsh"
    })
final class AnnotatedRootCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec CommandSpec spec;

  AnnotatedRootCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Properties file with aida.* keys (default: $AIDA_CONFIG).")
  void config(Path file) {
    if (file != null) {
      ctx.configFile = file;
    }
  }

  @Option(
      names = "--billing-url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "Billing lookup URL (overrides AIDA_BILLING_URL).")
  void billingUrl(String url) {
    if (url != null) {
      ctx.billingUrl = url;
    }
  }

  @Option(
      names = "--freescout-url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "FreeScout base URL (overrides AIDA_FREESCOUT_URL).")
  void freescoutUrl(String url) {
    if (url != null) {
      ctx.freescoutUrl = url;
    }
  }

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Also show the adapters' warnings (the technical cause of a failure).")
  void verbose(boolean on) {
    if (on) {
      ctx.verbose = true;
    }
  }

  @Override
  public Integer call() {
    ctx.err.println("aida-billing: a command is required.");
    spec.commandLine().usage(ctx.err);
    return ExitCodes.USAGE;
  }
}
