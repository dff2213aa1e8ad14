package ru.aidabilling.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.port.in.UndoCommand;
import ru.aidabilling.core.port.in.UndoReport;

/** {@code aida-billing undo}: puts back what the audit log says we wrote. */
@Command(
    name = UndoCmd.NAME,
    header = UndoCmd.HEADER,
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "aida-billing undo (--customer ID [--since TIME] | --request REQUEST-ID)",
      "                  [--dry-run] [-hvV]"
    },
    description = {
      "Puts back the old values recorded in the audit log (AIDA_AUDIT_FILE): every change of one"
          + " customer (optionally only those since a time), or every change of one request.",
      "A field is restored only while it still holds the value we wrote; a field someone changed"
          + " since is left alone and reported. Syncs are undone latest first, so a value someone"
          + " set between two syncs is put back rather than an older one. The undo's own writes"
          + " are audited too."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aida-billing undo --customer 31 --dry-run",
      "  aida-billing undo --customer 31 --since 2024-05-01T09:00:00Z",
      "  aida-billing undo --request 01JD4X8R6Z3Q5N7M9P2K4W6Y8B"
    })
final class UndoCmd implements Callable<Integer> {
  /** The name and header of the top help's line, also for the summary that stands in for it. */
  static final String NAME = "undo";

  static final String HEADER = "Put back values recorded in the audit log.";

  private final CliContext ctx;
  @Spec CommandSpec spec;

  @Option(names = "--customer", paramLabel = "ID", description = "Undo this customer's changes.")
  String customer;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "With --customer: only changes at or after this ISO date/time; without an offset it is"
              + " this machine's time zone (2024-05-01T09:00), else as given (…Z, …+03:00).")
  String since;

  @Option(
      names = "--request",
      paramLabel = "REQUEST-ID",
      description = "Undo the changes of this request (from a sync's output or the report).")
  String request;

  @Option(names = "--dry-run", description = "Show what would be restored; write nothing.")
  boolean dryRun;

  UndoCmd(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return dryRun ? run() : ctx.finishingOnStop("undo", this::run);
  }

  private Integer run() {
    if ((customer == null) == (request == null)) {
      throw usage("give either --customer ID or --request REQUEST-ID");
    }
    if (since != null && customer == null) {
      throw usage("--since goes with --customer");
    }
    Optional<CustomerId> id = Optional.empty();
    Optional<Instant> from = Optional.empty();
    Optional<RequestId> req = Optional.empty();
    if (customer != null) {
      try {
        id = Optional.of(CustomerId.of(Long.parseLong(customer.strip())));
      } catch (IllegalArgumentException e) {
        throw usage("--customer must be a positive whole number, got '" + customer + "'");
      }
      if (since != null) {
        from = TimeArgs.parse(since);
        if (from.isEmpty()) {
          throw usage("--since must be an ISO date or time, got '" + since + "'");
        }
      }
    } else {
      try {
        req = Optional.of(new RequestId(request.strip()));
      } catch (IllegalArgumentException e) {
        throw usage("--request is not a request id: '" + request + "'");
      }
    }
    RequestId undoRequest = RequestId.generate();
    String subject =
        (customer != null ? "customer " + id.get() : "request " + req.get())
            + (since != null ? " since " + from.get() : "");
    Optional<Path> auditFile = ctx.wiring().auditLogFile();
    if (auditFile.isPresent() && !Files.exists(auditFile.get())) {
      // Not made here (checking it for writing would): an operator in the wrong folder, or without
      // the service's AIDA_AUDIT_FILE, is told where we looked instead of getting an empty log.
      ctx.err.println(
          "aida-billing: undo: nothing to undo for "
              + subject
              + ": there is no audit log at "
              + auditFile.get().toAbsolutePath()
              + " (AIDA_AUDIT_FILE; use the service's, e.g. from its environment file)"
              + olderLogs(auditFile.get()));
      ctx.err.flush();
      return ErrorCode.CUSTOMER_NOT_FOUND.exitCode();
    }
    if (!dryRun) {
      ctx.wiring().checkAuditLog(); // a restore is recorded too, so that it can be undone
    }
    UndoReport report =
        ctx.wiring().undo().undo(new UndoCommand(id, from, req, dryRun, ctx.actor(), undoRequest));
    if (report.items().isEmpty()) {
      ctx.err.println(
          "aida-billing: undo: nothing recorded for "
              + subject
              + " in the audit log"
              + auditFile.map(f -> " " + f.toAbsolutePath() + olderLogs(f)).orElse(""));
      ctx.err.flush();
      return ErrorCode.CUSTOMER_NOT_FOUND.exitCode();
    }
    int restored = 0;
    int leftAlone = 0;
    int failed = 0;
    for (UndoReport.Item item : report.items()) {
      String where = "customer " + item.customerId() + " " + item.field().apiName() + ": ";
      String what =
          switch (item.result()) {
            case RESTORED ->
                (dryRun ? "would restore " : "restored ")
                    + shown(item.restoredValue())
                    + " (was "
                    + shown(item.currentValue())
                    + ")";
            case ALREADY_RESTORED -> "already " + shown(item.restoredValue()) + ", nothing to do";
            case CHANGED_SINCE ->
                "left alone: changed since we wrote it (now " + shown(item.currentValue()) + ")";
            case FAILED -> "FAILED: " + CliErrors.oneLine(item.message(), 2000);
          };
      switch (item.result()) {
        case RESTORED -> restored++;
        case CHANGED_SINCE -> leftAlone++;
        case FAILED -> failed++;
        default -> {}
      }
      ctx.out.println(where + what);
    }
    ctx.out.println(
        "undo"
            + (dryRun ? " (dry run, nothing written)" : "")
            + ": "
            + restored
            + (dryRun ? " to restore, " : " restored, ")
            + leftAlone
            + " left alone, "
            + failed
            + " failed; request "
            + undoRequest);
    ctx.out.flush();
    // the failure's own exit code (7 for a refused key, 3 for a customer deleted since, 6 for a
    // FreeScout outage), as sync gives it
    return report.failure().map(UndoCmd::exitCode).orElse(ExitCodes.OK);
  }

  private static int exitCode(ErrorCode failure) {
    return failure.exitCode() == 0 ? ExitCodes.UPSTREAM : failure.exitCode();
  }

  private static String shown(String v) {
    return v == null ? "(empty)" : "\"" + CliErrors.oneLine(v, 1000) + "\"";
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * The rotated logs beside {@code file} (logrotate's {@code NAME.1}, {@code NAME.2.gz}, {@code
   * NAME-20261101}), newest first, as a hint to append to a "nothing recorded": undo reads one
   * file, and a change made before a rotation is in one of those. Empty when there are none.
   */
  static String olderLogs(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    String name = file.getFileName().toString();
    java.util.List<Path> older;
    try (java.util.stream.Stream<Path> list = Files.list(folder)) {
      older =
          list.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.length() > name.length()
                        && n.startsWith(name)
                        && (n.charAt(name.length()) == '.' || n.charAt(name.length()) == '-')
                        && Files.isRegularFile(p);
                  })
              .sorted(
                  java.util.Comparator.comparing(
                          (Path p) -> {
                            try {
                              return Files.getLastModifiedTime(p);
                            } catch (java.io.IOException e) {
                              return java.nio.file.attribute.FileTime.fromMillis(0);
                            }
                          })
                      .reversed())
              .toList();
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
    if (older.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("; older logs beside it are not read: ");
    for (int i = 0; i < older.size() && i < 5; i++) {
      b.append(i == 0 ? "" : ", ").append(older.get(i).getFileName());
    }
    if (older.size() > 5) {
      b.append(" and ").append(older.size() - 5).append(" more");
    }
    return b.append(" (to undo a change recorded in one, run undo with AIDA_AUDIT_FILE naming it,")
        .append(" uncompressed)")
        .toString();
  }
}
