package ru.aidabilling.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import ru.aidabilling.adapter.billing.BillingConfig;
import ru.aidabilling.adapter.billing.HttpBillingDirectory;
import ru.aidabilling.adapter.freescout.FreeScoutConfig;
import ru.aidabilling.adapter.freescout.FreeScoutCustomerDirectory;
import ru.aidabilling.core.audit.GroupCommitAuditTrail;
import ru.aidabilling.core.audit.JsonlAuditTrail;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.port.in.LookupAccountsUseCase;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.UndoUseCase;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.BillingDirectory;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.service.CustomerTurns;
import ru.aidabilling.core.service.LookupAccountsService;
import ru.aidabilling.core.service.SyncCustomerService;
import ru.aidabilling.core.service.UndoService;
import ru.aidabilling.core.service.UpstreamHealthService;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;

/**
 * The command line's composition root: the only place that builds adapters and services (from the
 * settings, on first use) and assembles the commands. Tests build a {@code CliApp} with their own
 * streams and a {@link Wiring} of in-memory ports.
 */
public final class CliApp {
  private final CliIo io;
  private final java.util.function.BiFunction<Settings, WriteGate, Wiring> wiringFactory;
  private final StopFlag stop;
  private final Consumer<Runnable> interrupts;

  /**
   * @param wiringFactory builds the use cases from the resolved settings; called at most once per
   *     run and only by commands that need an upstream
   * @param interrupts registers what to do on Ctrl-C (a shutdown hook in production)
   */
  public CliApp(
      CliIo io,
      java.util.function.BiFunction<Settings, WriteGate, Wiring> wiringFactory,
      StopFlag stop,
      Consumer<Runnable> interrupts) {
    this.io = io;
    this.wiringFactory = wiringFactory;
    this.stop = stop;
    this.interrupts = interrupts;
  }

  public static void main(String[] args) {
    // Without a configuration, the JVM's logging would add a console handler that prints the
    // adapters' warnings in two lines in the platform encoding; CliLogHandler prints them (with
    // --verbose) in one UTF-8 line instead. Naming a configuration class that sets nothing keeps
    // the console handler out and costs nothing until something logs (--help never does).
    System.setProperty("java.util.logging.config.class", NoJdkLogging.class.getName());
    CliApp app =
        new CliApp(
            CliIo.system(),
            CliApp::realWiring,
            new StopFlag(),
            action ->
                Runtime.getRuntime().addShutdownHook(new Thread(action, "aida-billing-stop")));
    System.exit(app.run(args));
  }

  /** Runs one command line; returns the exit code. Never throws. */
  public int run(String... args) {
    WatchedOutput stdout = new WatchedOutput(io.out());
    PrintWriter out = writer(stdout);
    PrintWriter err = writer(io.err());
    try (CliContext ctx = new CliContext(io, out, err, stop, wiringFactory, interrupts)) {
      try {
        int exit = commandLine(ctx, named(args)).execute(args);
        out.flush();
        IOException lost = stdout.failure();
        if (lost == null || WatchedOutput.isBrokenPipe(lost)) {
          return exit; // a reader that went away (`| head`) is not an error
        }
        err.println("aida-billing: cannot write the output: " + lost.getMessage());
        return exit == ExitCodes.OK ? ExitCodes.INTERNAL : exit;
      } catch (RuntimeException | Error e) {
        // picocli hands commands' exceptions to CliErrors; this catches what escapes it (an Error)
        err.println("aida-billing: internal error (" + e.getClass().getSimpleName() + ")");
        return ExitCodes.INTERNAL;
      }
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Which subcommand names the command line holds. An {@code @file} argument (picocli reads more
   * arguments from the file) may hold any of them, so then every one counts as named.
   */
  static Predicate<String> named(String... args) {
    for (String a : args) {
      if (a.startsWith("@") && a.length() > 1) {
        return name -> true;
      }
    }
    return Arrays.asList(args)::contains;
  }

  /**
   * The command tree. Only the subcommands {@code named} by a word of the command line are built in
   * full: picocli reads a command's annotations by reflection, which in a fresh JVM costs
   * milliseconds per command, and a run uses one. The others are {@linkplain #summary summaries}
   * (name and one-line header, from the constants their annotations use, so no annotation is read),
   * enough for the top help and for "did you mean". The root is built without annotations (see
   * {@link RootCommand}). Completion needs the whole tree, so naming {@code generate-completion}
   * builds everything.
   */
  static CommandLine commandLine(CliContext ctx, Predicate<String> named) {
    return commandLine(ctx, named, new CommandLine(new RootCommand(ctx).spec()));
  }

  /** The command tree under the given root (tests compare roots). */
  static CommandLine commandLine(CliContext ctx, Predicate<String> named, CommandLine cl) {
    Predicate<String> build = named.test(COMPLETION) ? name -> true : named;
    for (String[] sub : SUBCOMMANDS) {
      String name = sub[0];
      cl.addSubcommand(name, build.test(name) ? command(name, ctx) : summary(name, sub[1]));
    }
    CommandLine completion = cl.getSubcommands().get(COMPLETION);
    completion
        .getCommandSpec()
        .usageMessage()
        .description("Prints a bash/zsh completion script.")
        .footerHeading("%nExamples:%n")
        .footer(
            "  source <(aida-billing generate-completion)      this shell",
            "  aida-billing generate-completion > /etc/bash_completion.d/aida-billing");
    Map<String, String> exitCodes = new LinkedHashMap<>();
    for (String line : ExitCodes.HELP_LIST) {
      int colon = line.indexOf(':');
      exitCodes.put(line.substring(0, colon), line.substring(colon + 1));
    }
    for (CommandLine c : all(cl)) {
      c.getCommandSpec().versionProvider(new VersionProvider());
      c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
      c.getCommandSpec().usageMessage().exitCodeList(exitCodes);
    }
    CliErrors errors = new CliErrors();
    cl.setOut(ctx.out);
    cl.setErr(ctx.err);
    cl.setExecutionExceptionHandler(errors);
    cl.setParameterExceptionHandler(errors);
    return cl;
  }

  /** The name in {@code AutoComplete.GenerateCompletion}'s {@code @Command}. */
  static final String COMPLETION = "generate-completion";

  /**
   * The subcommands in the order of the top help: name and the header of their {@code @Command}
   * (picocli's completion command has none: the top help shows its description, set above).
   */
  private static final String[][] SUBCOMMANDS = {
    {SyncCmd.NAME, SyncCmd.HEADER},
    {LookupCmd.NAME, LookupCmd.HEADER},
    {ParseCmd.NAME, ParseCmd.HEADER},
    {SyncAllCmd.NAME, SyncAllCmd.HEADER},
    {UndoCmd.NAME, UndoCmd.HEADER},
    {ConfigCmd.NAME, ConfigCmd.HEADER},
    {COMPLETION, ""}
  };

  /**
   * A subcommand built in full (annotations read). A switch rather than a table of lambdas: each
   * lambda would be linked (an invokedynamic bootstrap) on every run, named or not.
   */
  private static Object command(String name, CliContext ctx) {
    switch (name) {
      case SyncCmd.NAME:
        return new SyncCmd(ctx);
      case LookupCmd.NAME:
        return new LookupCmd(ctx);
      case ParseCmd.NAME:
        return new ParseCmd(ctx);
      case SyncAllCmd.NAME:
        return new SyncAllCmd(ctx);
      case UndoCmd.NAME:
        return new UndoCmd(ctx);
      case ConfigCmd.NAME:
        return new CommandLine(new ConfigCmd(ctx)).addSubcommand("check", new ConfigCheckCmd(ctx));
      case COMPLETION:
        return new AutoComplete.GenerateCompletion();
      default:
        throw new IllegalArgumentException(name);
    }
  }

  /**
   * A stand-in for a subcommand that is not run: its name and the header its {@code @Command}
   * declares (the line the top help shows; a summary's own help is never printed, since naming the
   * subcommand builds it in full).
   */
  private static CommandSpec summary(String name, String header) {
    CommandSpec spec = CommandSpec.create().name(name);
    if (!header.isEmpty()) { // without one, the top help shows the description's first line
      spec.usageMessage().header(header);
    }
    return spec;
  }

  private static java.util.List<CommandLine> all(CommandLine root) {
    java.util.List<CommandLine> out = new java.util.ArrayList<>();
    out.add(root);
    for (CommandLine sub : root.getSubcommands().values()) {
      out.addAll(all(sub));
    }
    return out;
  }

  private static PrintWriter writer(OutputStream stream) {
    return new PrintWriter(
        new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16), false);
  }

  /**
   * The real wiring: the HTTP adapters over billing and FreeScout, the JSONL audit log and the core
   * services, all from the settings.
   *
   * @throws ru.aidabilling.core.settings.SettingsException naming the setting to fix
   */
  static Wiring realWiring(Settings settings, WriteGate writes) {
    // Each part is built on first use, so a command reads only the settings it needs: undo never
    // asks for billing's, lookup never for FreeScout's.
    Clock clock = Clock.systemUTC();
    Lazy<BillingDirectory> billing =
        new Lazy<>(() -> new HttpBillingDirectory(BillingConfig.fromSettings(settings)));
    Lazy<CustomerDirectory> customers =
        new Lazy<>(
            () ->
                writes.guard(
                    new FreeScoutCustomerDirectory(FreeScoutConfig.fromSettings(settings))));
    Lazy<JsonlAuditTrail> auditFile = new Lazy<>(() -> JsonlAuditTrail.fromSettings(settings));
    // sync-all's workers write at the same time: let them share each write and fsync.
    Lazy<AuditTrail> audit = new Lazy<>(() -> new GroupCommitAuditTrail(auditFile.get()));
    // syncs and undos of one customer decide and write in turn
    CustomerTurns turns = new CustomerTurns();
    Lazy<SyncCustomerUseCase> sync =
        new Lazy<>(
            () -> {
              BillingDirectory b = billing.get();
              CustomerDirectory c = customers.get();
              MappingMode mapping =
                  settings.parsed(Setting.MAPPING, MappingMode::parse, "seed, full");
              WritePolicy policy =
                  settings.parsed(
                      Setting.WRITE_POLICY, WritePolicy::parse, "overwrite, fill-empty");
              return new SyncCustomerService(
                  b, c, audit.get(), mapping, policy, clock, null, turns);
            });
    Lazy<LookupAccountsUseCase> lookup = new Lazy<>(() -> new LookupAccountsService(billing.get()));
    Lazy<UndoUseCase> undo =
        new Lazy<>(() -> new UndoService(audit.get(), customers.get(), clock, turns));
    Lazy<UpstreamHealthUseCase> health =
        new Lazy<>(() -> new UpstreamHealthService(billing.get(), customers.get()));
    return new Wiring() {
      @Override
      public void checkAuditLog() {
        auditFile.get().checkCanRecordSetting(); // made by the first change it records
      }

      @Override
      public java.util.Optional<java.nio.file.Path> auditLogFile() {
        return java.util.Optional.of(auditFile.get().file());
      }

      @Override
      public SyncCustomerUseCase sync() {
        return sync.get();
      }

      @Override
      public LookupAccountsUseCase lookup() {
        return lookup.get();
      }

      @Override
      public UndoUseCase undo() {
        return undo.get();
      }

      @Override
      public UpstreamHealthUseCase health() {
        return health.get();
      }

      @Override
      public CustomerDirectory customers() {
        return customers.get();
      }
    };
  }

  /** A value made on first use, then kept; what its maker throws reaches the first caller. */
  private static final class Lazy<T> implements java.util.function.Supplier<T> {
    private final java.util.function.Supplier<T> maker;
    private T value;

    Lazy(java.util.function.Supplier<T> maker) {
      this.maker = maker;
    }

    @Override
    public synchronized T get() {
      if (value == null) {
        value = maker.get();
      }
      return value;
    }
  }
}
