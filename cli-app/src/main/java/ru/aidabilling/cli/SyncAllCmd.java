package ru.aidabilling.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.settings.FileProblem;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;

/** {@code aida-billing sync-all}: every FreeScout customer, resumably, with bounded concurrency. */
@Command(
    name = SyncAllCmd.NAME,
    header = SyncAllCmd.HEADER,
    mixinStandardHelpOptions = true,
    description = {
      "Syncs every FreeScout customer, oldest first, N at a time, with progress on stderr and a"
          + " summary per outcome at the end.",
      "Each customer gets one JSON line in the report: {\"customerId\", \"status\" or \"code\","
          + " \"changes\", \"time\", \"requestId\", \"detail\"}. Run again with the same --report"
          + " to resume: a customer with a line is never synced again (delete its line to retry"
          + " it). Lines of a --dry-run count only for dry runs.",
      "Ctrl-C stops cleanly: no new customer starts, running ones finish and are reported,"
          + " exit 130.",
      "Exit 0 when the walk completed, even if some customers failed (their code is in the"
          + " report and the summary); 6 or 7 when listing FreeScout's customers failed; 7 when"
          + " an upstream refused our key (CONFIGURATION: the walk stops, fix the setting and run"
          + " again); 1 or 7 when a change could not be recorded (INTERNAL: the walk stops); 2"
          + " when the report cannot be opened (another sync-all has it locked, or it is not a"
          + " regular file); 1 when it cannot be written; 130 when interrupted (143 after"
          + " SIGTERM, 129 after SIGHUP)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aida-billing sync-all --dry-run           what would change; nothing written",
      "  aida-billing sync-all --concurrency 8 --rate 20 --report sync-all.jsonl",
      "  aida-billing sync-all --since 2024-05-01 --fill-empty",
      "  jq -rsR '[split(\"\\n\")[] | fromjson?] | group_by(.customerId) | map(last)"
          + " | .[] | select(.code) | [.customerId, .code] | @tsv' aida-sync-all.jsonl",
      "                                            list the customers whose last run failed",
      "  aida-billing sync-all --retry-failed      after an outage: sync them again"
    })
final class SyncAllCmd implements Callable<Integer> {
  /** The name and header of the top help's line, also for the summary that stands in for it. */
  static final String NAME = "sync-all";

  static final String HEADER = "Sync every FreeScout customer (resumable report).";

  static final String DEFAULT_REPORT = "aida-sync-all.jsonl";
  static final String DEFAULT_DRY_RUN_REPORT = "aida-sync-all-dry-run.jsonl";

  private final CliContext ctx;
  @Spec CommandSpec spec;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "4",
      description = "Customers synced at once (1-256, default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--rate",
      paramLabel = "R",
      description = "At most R syncs started per second, 0 < R <= 100000 (default: no limit).")
  Double rate;

  @Option(
      names = "--since",
      paramLabel = "ISO-DATE",
      description =
          "Only customers updated since then: 2024-05-01 or 2024-05-01T10:00 (this machine's time"
              + " zone), or 2024-05-01T10:00:00Z / +03:00.")
  String since;

  @Option(names = "--dry-run", description = "Compute every change; write nothing to FreeScout.")
  boolean dryRun;

  @Option(names = "--fill-empty", description = "Only fill fields that are empty now.")
  boolean fillEmpty;

  @Option(
      names = "--retry-failed",
      description =
          "When resuming, sync again the customers whose report line is a failure (say"
              + " BILLING_UNAVAILABLE during an outage) other than INTERNAL; those that succeeded"
              + " are still skipped.")
  boolean retryFailed;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "JSONL report, appended and resumed (default "
              + DEFAULT_REPORT
              + ", with --dry-run "
              + DEFAULT_DRY_RUN_REPORT
              + ").")
  Path report;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "50",
      hidden = true,
      description = "Customers per FreeScout page (1-500).")
  int pageSize;

  /** How often plain progress lines are written when stderr is not a terminal. */
  Duration logInterval = Duration.ofSeconds(10);

  @Option(
      names = "--list-retry-delay-ms",
      paramLabel = "MS",
      defaultValue = "2000",
      hidden = true,
      description = "Pause before retrying a failed listing, times the attempt number.")
  long listRetryDelayMs;

  SyncAllCmd(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (concurrency < 1 || concurrency > 256) {
      throw new ParameterException(spec.commandLine(), "--concurrency must be 1-256");
    }
    if (rate != null && !(rate > 0 && rate <= 100_000)) {
      throw new ParameterException(
          spec.commandLine(), "--rate must be above 0 and at most 100000 (starts per second)");
    }
    if (pageSize < 1 || pageSize > 500) {
      throw new ParameterException(spec.commandLine(), "--page-size must be 1-500");
    }
    Optional<Instant> from = Optional.empty();
    if (since != null) {
      from = TimeArgs.parse(since);
      if (from.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--since must be an ISO date or time (2024-05-01, 2024-05-01T10:00,"
                + " 2024-05-01T10:00:00Z), got '"
                + since
                + "'");
      }
    }
    Path reportPath =
        report != null ? report : Path.of(dryRun ? DEFAULT_DRY_RUN_REPORT : DEFAULT_REPORT);
    if (isTheAuditLog(reportPath)) {
      throw new ParameterException(
          spec.commandLine(),
          "--report "
              + reportPath
              + " is the audit log (AIDA_AUDIT_FILE): report lines would make it unreadable;"
              + " choose another file");
    }
    ReportFile reportFile;
    try {
      reportFile = ReportFile.open(reportPath, dryRun, retryFailed, ctx.json());
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot use the report " + reportPath + ": " + FileProblem.reason(e));
    }
    try (reportFile) {
      Wiring wiring = ctx.wiring();
      if (!dryRun) {
        wiring.checkAuditLog(); // before the first customer is written, not after
      }
      SyncAllRunner.Options options =
          new SyncAllRunner.Options(
              concurrency,
              rate == null ? 0 : rate,
              from,
              dryRun,
              fillEmpty ? Optional.of(WritePolicy.FILL_EMPTY) : Optional.empty(),
              pageSize,
              3,
              Duration.ofMillis(Math.max(0, listRetryDelayMs)));
      SyncAllRunner runner =
          new SyncAllRunner(
              wiring.customers(),
              wiring.sync(),
              wiring::checkAuditLog,
              ctx.actor(),
              options,
              reportFile,
              ctx.stop,
              Clock.systemUTC());
      return ctx.holdingStop(
          "sync-all: stopping: waiting for the running syncs to finish...",
          () -> {
            ctx.stop.stop(); // no new sync starts; the running ones finish
            return true;
          },
          () -> walk(runner, reportFile, reportPath));
    }
  }

  /** The walk itself, its summary and its exit code. */
  private int walk(SyncAllRunner runner, ReportFile reportFile, Path reportPath)
      throws InterruptedException {
    if (reportFile.alreadyDone() > 0) {
      ctx.err.println(
          "sync-all: resuming: "
              + reportFile.alreadyDone()
              + " customers already in "
              + reportPath
              + " are skipped");
      ctx.err.flush();
    }
    SyncAllRunner.Result result;
    try (Progress ignored =
        new Progress(
            ctx.err,
            ctx.io.terminal(),
            ctx.io.terminal() ? Duration.ofMillis(250) : logInterval,
            runner::snapshot)) {
      result = runner.run();
    }
    summary(result, reportPath, ctx.out);
    return switch (result.status()) {
      case COMPLETED -> ExitCodes.OK;
      case STOPPED -> ExitCodes.INTERRUPTED;
      case LIST_FAILED, HALTED -> ExitCodes.of(result.failureCode().orElseThrow());
      case REPORT_FAILED -> ExitCodes.INTERNAL;
    };
  }

  private void summary(SyncAllRunner.Result r, Path reportPath, PrintWriter out) {
    String headline =
        switch (r.status()) {
          case COMPLETED -> "completed";
          case STOPPED -> "stopped; run the same command again to resume";
          case LIST_FAILED, REPORT_FAILED, HALTED ->
              "FAILED: " + CliErrors.oneLine(r.failure().orElse(""), CliErrors.MAX_MESSAGE);
        };
    out.println("sync-all " + (dryRun ? "(dry run) " : "") + headline);
    out.println(String.format(Locale.ROOT, "  %-28s %9s", "outcome", "customers"));
    for (Map.Entry<String, Long> e : r.counts().entrySet()) {
      out.println(String.format(Locale.ROOT, "  %-28s %9d", e.getKey(), e.getValue()));
    }
    out.println("  " + "-".repeat(38));
    out.println(String.format(Locale.ROOT, "  %-28s %9d", "synced this run", r.done()));
    out.println(
        String.format(Locale.ROOT, "  %-28s %9d", "already in report, skipped", r.skipped()));
    double seconds = r.elapsed().toNanos() / 1e9;
    out.println(
        String.format(
            Locale.ROOT,
            "  time %.1f s, %.1f customers/s",
            seconds,
            seconds > 0 ? r.done() / seconds : 0.0));
    out.println("  report: " + reportPath.toAbsolutePath());
    out.flush();
    r.failure()
        .ifPresent(
            f -> {
              ctx.err.println(
                  "aida-billing: sync-all: " + CliErrors.oneLine(f, CliErrors.MAX_MESSAGE));
              ctx.err.flush();
            });
  }

  /**
   * How long Ctrl-C waits for the running syncs: the longest one sync can take (billing with its
   * one retry, then the FreeScout read and write, each to its time-out) plus 10 s, at least 60 s.
   */
  /** Whether the report would be the audit log itself (the same path, or the same file). */
  private boolean isTheAuditLog(Path reportPath) {
    Path audit;
    try {
      audit = Path.of(ctx.settings().required(Setting.AUDIT_FILE));
    } catch (SettingsException | java.nio.file.InvalidPathException e) {
      return false; // the wiring names a bad setting when it is built
    }
    if (reportPath.toAbsolutePath().normalize().equals(audit.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(reportPath) && Files.exists(audit) && Files.isSameFile(reportPath, audit);
    } catch (IOException e) {
      return false;
    }
  }

  static Duration stopGrace(Settings settings) {
    try {
      long billing = settings.millis(Setting.BILLING_TIMEOUT_MS, 1, 120_000).toMillis();
      long freescout = settings.millis(Setting.FREESCOUT_TIMEOUT_MS, 1, 120_000).toMillis();
      return Duration.ofMillis(Math.max(60_000, 2 * billing + 2 * freescout + 10_000));
    } catch (SettingsException e) {
      return Duration.ofSeconds(60); // the wiring has already refused a bad value
    }
  }
}
