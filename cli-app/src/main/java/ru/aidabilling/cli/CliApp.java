package ru.aidabilling.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Logger;
import picocli.AutoComplete;
import picocli.CommandLine;
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
  private final Function<Settings, Wiring> wiringFactory;
  private final StopFlag stop;
  private final Consumer<Runnable> interrupts;

  /**
   * @param wiringFactory builds the use cases from the resolved settings; called at most once per
   *     run and only by commands that need an upstream
   * @param interrupts registers what to do on Ctrl-C (a shutdown hook in production)
   */
  public CliApp(
      CliIo io,
      Function<Settings, Wiring> wiringFactory,
      StopFlag stop,
      Consumer<Runnable> interrupts) {
    this.io = io;
    this.wiringFactory = wiringFactory;
    this.stop = stop;
    this.interrupts = interrupts;
  }

  public static void main(String[] args) {
    // The JVM's console handler would print the adapters' warnings in two lines in the platform
    // encoding; CliLogHandler prints them (with --verbose) in one UTF-8 line instead.
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
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
    Logger root = Logger.getLogger("");
    try (CliContext ctx = new CliContext(io, out, err, stop, wiringFactory, interrupts)) {
      Handler logs = new CliLogHandler(ctx);
      root.addHandler(logs);
      try {
        int exit = commandLine(ctx).execute(args);
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
      } finally {
        root.removeHandler(logs);
      }
    } finally {
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine(CliContext ctx) {
    CommandLine cl = new CommandLine(new RootCommand(ctx));
    cl.addSubcommand("sync", new SyncCmd(ctx));
    cl.addSubcommand("lookup", new LookupCmd(ctx));
    cl.addSubcommand("parse", new ParseCmd(ctx));
    cl.addSubcommand("sync-all", new SyncAllCmd(ctx));
    cl.addSubcommand("undo", new UndoCmd(ctx));
    cl.addSubcommand(
        "config",
        new CommandLine(new ConfigCmd(ctx)).addSubcommand("check", new ConfigCheckCmd(ctx)));
    cl.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
    CommandLine completion = cl.getSubcommands().get("generate-completion");
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
  static Wiring realWiring(Settings settings) {
    // Each part is built on first use, so a command reads only the settings it needs: undo never
    // asks for billing's, lookup never for FreeScout's.
    Clock clock = Clock.systemUTC();
    Lazy<BillingDirectory> billing =
        new Lazy<>(() -> new HttpBillingDirectory(BillingConfig.fromSettings(settings)));
    Lazy<CustomerDirectory> customers =
        new Lazy<>(() -> new FreeScoutCustomerDirectory(FreeScoutConfig.fromSettings(settings)));
    // sync-all's workers write at the same time: let them share each write and fsync.
    Lazy<AuditTrail> audit =
        new Lazy<>(
            () ->
                new GroupCommitAuditTrail(
                    new JsonlAuditTrail(Path.of(settings.required(Setting.AUDIT_FILE)))));
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
              return new SyncCustomerService(b, c, audit.get(), mapping, policy, clock);
            });
    Lazy<LookupAccountsUseCase> lookup = new Lazy<>(() -> new LookupAccountsService(billing.get()));
    Lazy<UndoUseCase> undo = new Lazy<>(() -> new UndoService(audit.get(), customers.get(), clock));
    Lazy<UpstreamHealthUseCase> health =
        new Lazy<>(() -> new UpstreamHealthService(billing.get(), customers.get()));
    return new Wiring() {
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
