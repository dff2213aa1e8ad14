package ru.aidabilling.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * {@code aida-billing}: the top command. Holds the global options (accepted before or after the
 * subcommand), which override the environment and the properties file.
 *
 * <p>Unlike the subcommands, its picocli model is built with picocli's programmatic API rather than
 * read from annotations: every run builds the root (a subcommand only when it is named), and
 * reading a command's annotations in a fresh JVM costs tens of milliseconds (picocli reflects over
 * the class and the JVM generates a proxy class per annotation type, which no JDK 17 class archive
 * holds). The model is the one {@code @Command(mixinStandardHelpOptions = true, ...)} with four
 * {@code @Option} setter methods made; {@code RootCommandModelTest} compares the two attribute by
 * attribute.
 */
final class RootCommand implements Callable<Integer> {
  static final String NAME = "aida-billing";

  private final CliContext ctx;
  private final CommandSpec spec;

  RootCommand(CliContext ctx) {
    this.ctx = ctx;
    this.spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage()
        .synopsisSubcommandLabel("COMMAND")
        .description(
            "Syncs FreeScout customers from the provider's billing system: balance, ФИО, contract,"
                + " tariff and settlement.",
            "Settings come from the environment (AIDA_*), a properties file (--config or"
                + " AIDA_CONFIG) and the options below; run 'aida-billing config check' to see them"
                + " all.")
        .footerHeading("%nExamples:%n")
        .footer(
            "  aida-billing sync 31                      sync customer 31 from billing",
            "  aida-billing sync 31 --dry-run --json     show what would change, as JSON",
            "  aida-billing lookup --phone +79004445566  what billing holds for a phone",
            "  aida-billing parse --name 'Иванов И.И.'   how a name is read",
            "  aida-billing sync-all --concurrency 8 --report sync-all.jsonl",
            "  aida-billing undo --request 01JD4X8R6Z3Q5N7M9P2K4W6Y8B",
            "  aida-billing config check",
            "  source <(aida-billing generate-completion)   completion for bash and zsh");
    spec.versionProvider(new VersionProvider());
    // in the order picocli found the annotated setter methods (the completion script lists them so)
    spec.addOption(
        global(Path.class, "--config")
            .paramLabel("FILE")
            .description("Properties file with aida.* keys (default: $AIDA_CONFIG).")
            .build());
    spec.addOption(
        global(boolean.class, "-v", "--verbose")
            .paramLabel("<verbose>") // picocli's label for an unlabelled method option
            .description("Also show the adapters' warnings (the technical cause of a failure).")
            .build());
    spec.addOption(
        global(String.class, "--billing-url")
            .paramLabel("URL")
            .description("Billing lookup URL (overrides AIDA_BILLING_URL).")
            .build());
    spec.addOption(
        global(String.class, "--freescout-url")
            .paramLabel("URL")
            .description("FreeScout base URL (overrides AIDA_FREESCOUT_URL).")
            .build());
    spec.addMixin(STANDARD_HELP_OPTIONS, standardHelpOptions()); // last, as picocli adds it
  }

  /** The model of this command, for {@code new CommandLine(spec)}. */
  CommandSpec spec() {
    return spec;
  }

  private void config(Path file) {
    if (file != null) {
      ctx.configFile = file;
    }
  }

  private void billingUrl(String url) {
    if (url != null) {
      ctx.billingUrl = url;
    }
  }

  private void freescoutUrl(String url) {
    if (url != null) {
      ctx.freescoutUrl = url;
    }
  }

  private void verbose(boolean on) {
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

  /**
   * An inherited option bound to its setter method as picocli binds an {@code @Option} method: no
   * initial value (picocli calls the setter only with what it parsed or its default), and the last
   * value set is the option's value.
   */
  private OptionSpec.Builder global(Class<?> type, String... names) {
    SetterMethod binding = new SetterMethod(names[names.length - 1]);
    return OptionSpec.builder(names)
        .type(type)
        .scopeType(ScopeType.INHERIT)
        .hasInitialValue(false)
        .descriptionKey("") // what an annotation without these attributes gives
        .prompt("")
        .getter(binding)
        .setter(binding);
  }

  /** The key under which picocli keeps the mixin of {@code mixinStandardHelpOptions = true}. */
  static final String STANDARD_HELP_OPTIONS = "mixinStandardHelpOptions";

  /**
   * {@code -h, --help} and {@code -V, --version}, as picocli's {@code mixinStandardHelpOptions}
   * declares them (names, description keys, descriptions; boolean fields whose initial value is
   * false), without reading its annotations.
   */
  private static CommandSpec standardHelpOptions() {
    CommandSpec mixin = CommandSpec.create();
    mixin.addOption(
        OptionSpec.builder("${picocli.help.name.0:--h}", "${picocli.help.name.1:---help}")
            .usageHelp(true)
            .paramLabel("<helpRequested>")
            .prompt("")
            .descriptionKey("mixinStandardHelpOptions.help")
            .description("Show this help message and exit.")
            .type(boolean.class)
            .initialValue(false)
            .build());
    mixin.addOption(
        OptionSpec.builder("${picocli.version.name.0:--V}", "${picocli.version.name.1:---version}")
            .versionHelp(true)
            .paramLabel("<versionRequested>")
            .prompt("")
            .descriptionKey("mixinStandardHelpOptions.version")
            .description("Print version information and exit.")
            .type(boolean.class)
            .initialValue(false)
            .build());
    return mixin;
  }

  /**
   * Calls the option's setter and remembers the value, like picocli's binding of an annotated
   * method. A switch rather than a lambda per option: each lambda would be linked (an invokedynamic
   * bootstrap) on every run.
   */
  private final class SetterMethod implements IGetter, ISetter {
    private final String option;
    private Object current;

    SetterMethod(String option) {
      this.option = option;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) current;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      T previous = (T) current;
      switch (option) {
        case "--config" -> config((Path) value);
        case "--billing-url" -> billingUrl((String) value);
        case "--freescout-url" -> freescoutUrl((String) value);
        case "--verbose" -> verbose((Boolean) value);
        default -> throw new IllegalStateException(option);
      }
      current = value;
      return previous;
    }
  }
}
