package ru.aidabilling.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aida-billing config}: the group of settings commands (today: {@code check}). */
@Command(
    name = ConfigCmd.NAME,
    header = ConfigCmd.HEADER,
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    description = "Settings commands.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  aida-billing config check",
      "  aida-billing --config /etc/aida-billing/aida-billing.properties config check"
    })
final class ConfigCmd implements Callable<Integer> {
  /** The name and header of the top help's line, also for the summary that stands in for it. */
  static final String NAME = "config";

  static final String HEADER = "Settings commands: config check.";

  private final CliContext ctx;
  @Spec CommandSpec spec;

  ConfigCmd(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.err.println("aida-billing config: a command is required.");
    spec.commandLine().usage(ctx.err);
    return ExitCodes.USAGE;
  }
}
