package ru.aidabilling.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.settings.SettingsException;

/**
 * Turns every failure into one short line on stderr and an exit code: a bad argument exits 2 with a
 * usage hint, a setting exits 7 naming it, an upstream failure exits with its code's exit code,
 * anything unexpected exits 1. No stack trace ever reaches the operator.
 */
final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("aida-billing: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    int exit;
    if (ex instanceof SettingsException se) {
      err.println("aida-billing: configuration: " + se.getMessage());
      exit = ExitCodes.CONFIGURATION;
    } else if (ex instanceof UpstreamException ue) {
      err.println("aida-billing: " + ue.code().name() + ": " + ue.getMessage());
      exit = ExitCodes.of(ue.code());
    } else if (ex instanceof UncheckedIOException || ex instanceof IOException) {
      Throwable io = ex instanceof UncheckedIOException u ? u.getCause() : ex;
      err.println("aida-billing: I/O error: " + io.getMessage());
      exit = ExitCodes.INTERNAL;
    } else {
      err.println(
          "aida-billing: internal error ("
              + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
              + ")");
      exit = ExitCodes.INTERNAL;
    }
    err.flush();
    return exit;
  }
}
