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
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.settings.SettingsException;
import ru.aidabilling.core.wire.Json;
import ru.aidabilling.core.wire.Wire;

/**
 * Turns every failure into one short line on stderr and an exit code: a bad argument exits 2 with a
 * usage hint, a setting exits 7 naming it, an upstream failure exits with its code's exit code,
 * anything unexpected exits 1. No stack trace ever reaches the operator.
 */
final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  /** Usage errors quote the argument; the message around it is short. */
  static final int MAX_USAGE_MESSAGE = 300;

  /** Settings and upstream messages explain what to fix; they are longer, never this long. */
  static final int MAX_MESSAGE = 2000;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("aida-billing: " + oneLine(ex.getMessage(), MAX_USAGE_MESSAGE));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    if (java.util.Arrays.asList(args).contains("--json")) {
      // a script that asked for JSON gets its problem on stdout, as for every other failure
      PrintWriter out = cmd.getOut();
      out.println(
          Json.write(
              Wire.problem(
                  ErrorCode.VALIDATION,
                  "Неверные аргументы команды: " + oneLine(ex.getMessage(), MAX_USAGE_MESSAGE),
                  RequestId.generate())));
      out.flush();
    }
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    int exit;
    if (ex instanceof SettingsException se) {
      err.println("aida-billing: configuration: " + oneLine(se.getMessage(), MAX_MESSAGE));
      exit = ExitCodes.CONFIGURATION;
    } else if (ex instanceof UpstreamException ue) {
      err.println(
          "aida-billing: " + ue.code().name() + ": " + oneLine(ue.getMessage(), MAX_MESSAGE));
      exit = ExitCodes.of(ue.code());
    } else if (ex instanceof UncheckedIOException || ex instanceof IOException) {
      Throwable io = ex instanceof UncheckedIOException u ? u.getCause() : ex;
      err.println("aida-billing: I/O error: " + oneLine(io.getMessage(), MAX_MESSAGE));
      exit = ExitCodes.INTERNAL;
    } else {
      err.println(
          "aida-billing: internal error ("
              + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage(), MAX_MESSAGE))
              + ")");
      exit = ExitCodes.INTERNAL;
    }
    err.flush();
    return exit;
  }

  /**
   * A message as one line a terminal shows as it is: messages quote what the operator typed (or an
   * upstream said), so line breaks become spaces, other control and format characters (terminal
   * escapes, bidi overrides) become {@code ?}, and it is cut at {@code max} characters.
   */
  static String oneLine(String message, int max) {
    if (message == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    int[] count = {0};
    message
        .codePoints()
        .forEach(
            c -> {
              if (count[0]++ >= max) {
                return;
              }
              if (c == '\n' || c == '\r' || c == '\t') {
                b.append(' ');
              } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                b.append('?');
              } else {
                b.appendCodePoint(c);
              }
            });
    if (count[0] > max) {
      b.append("…");
    }
    return b.toString();
  }
}
