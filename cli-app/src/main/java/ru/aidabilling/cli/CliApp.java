package ru.aidabilling.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.AutoComplete;
import picocli.CommandLine;
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
    PrintWriter out = writer(io.out());
    PrintWriter err = writer(io.err());
    try (CliContext ctx = new CliContext(io, out, err, stop, wiringFactory, interrupts)) {
      return commandLine(ctx).execute(args);
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
        .description(
            "Prints a bash/zsh completion script: source <(aida-billing generate-completion)");
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

  /** TEMPORARY until services/adapters land. */
  static Wiring realWiring(Settings settings) {
    throw new ru.aidabilling.core.settings.SettingsException(
        "AIDA_BILLING_URL", "wiring not built yet");
  }
}
