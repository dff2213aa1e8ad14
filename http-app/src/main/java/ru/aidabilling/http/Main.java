package ru.aidabilling.http;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;
import ru.aidabilling.http.server.ServerConfig;

/**
 * {@code aida-billing-http}: reads the command line and settings, starts the service through the
 * composition root, prints where it listens and stops it gracefully on SIGTERM. A bad setting is
 * one line naming it and exit code 7, never a stack trace.
 */
public final class Main {
  static final int EXIT_USAGE = 2;
  static final int EXIT_SETTINGS = 7;
  static final int EXIT_START = 1;

  private Main() {}

  /** The result of {@link #launch}: a running service, or the exit code to stop with. */
  record Launch(int exitCode, Optional<RunningApp> app) {}

  public static void main(String[] args) {
    selectLogManager();
    configureLogging();
    Launch launch = launch(args, System.getenv(), System.out, System.err);
    if (launch.app().isEmpty()) {
      DeferredResetLogManager.resetNow();
      System.exit(launch.exitCode());
      return;
    }
    RunningApp app = launch.app().get();
    PrintStream err = System.err;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  err.println("aida-billing-http: stopping, requests in flight finish first");
                  app.close();
                  // the lines of the requests that finished while stopping, then close the log
                  DeferredResetLogManager.resetNow();
                  err.println("aida-billing-http: stopped");
                },
                "aida-shutdown"));
  }

  static Launch launch(
      String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    Cli cli;
    try {
      cli = Cli.parse(args);
    } catch (Cli.UsageException e) {
      err.println("aida-billing-http: " + e.getMessage() + " (see --help)");
      return new Launch(EXIT_USAGE, Optional.empty());
    }
    if (cli.help()) {
      out.print(Cli.USAGE);
      return new Launch(0, Optional.empty());
    }
    RunningApp app;
    try {
      Settings settings = Settings.load(environment, cli.overrides(), cli.config());
      app = HttpApp.start(settings, cli.sandbox());
    } catch (SettingsException e) {
      err.println("aida-billing-http: " + e.getMessage());
      return new Launch(EXIT_SETTINGS, Optional.empty());
    } catch (RuntimeException e) {
      err.println("aida-billing-http: cannot start: " + reason(e));
      return new Launch(EXIT_START, Optional.empty());
    }
    banner(out, app);
    return new Launch(0, Optional.of(app));
  }

  private static void banner(PrintStream out, RunningApp app) {
    ServerConfig c = app.config();
    String url = app.baseUri().toString();
    out.println("AidaBilling http-app listening on " + url);
    if (c.sandbox()) {
      out.println("Sandbox: demo customer profile at " + url + " (fake billing and FreeScout)");
      boolean defaultToken = c.tokens().equals(java.util.List.of(ServerConfig.SANDBOX_TOKEN));
      out.println(
          "Token: "
              + (defaultToken ? ServerConfig.SANDBOX_TOKEN : "from AIDA_API_TOKENS")
              + "   e.g. curl -H 'Authorization: Bearer "
              + (defaultToken ? ServerConfig.SANDBOX_TOKEN : "<token>")
              + "' "
              + url
              + "api/v1/ping");
      if (!app.sandboxCliSettings().isEmpty()) {
        out.print(cliAgainstSandbox(app.sandboxCliSettings(), cliLauncher(codeLocation())));
      }
    } else {
      out.println("Tokens: " + c.tokens().size() + " configured (AIDA_API_TOKENS)");
    }
    out.println("Stop with Ctrl-C or SIGTERM (requests in flight finish first).");
    out.flush();
  }

  /**
   * The banner's command for the CLI against the sandbox, ready to paste into a shell: a comment
   * line, then the settings and the command as one command line (values quoted where the shell
   * would split them).
   */
  static String cliAgainstSandbox(Map<String, String> settings, String launcher) {
    StringBuilder b = new StringBuilder("# CLI against the sandbox (try undo on what it wrote):\n");
    settings.forEach((k, v) -> b.append(k).append('=').append(shellWord(v)).append(" \\\n  "));
    return b.append(shellWord(launcher)).append(" undo --customer 31 --dry-run\n").toString();
  }

  /**
   * The CLI's launcher: {@code bin/aida-billing} of the checkout this jar (or its classes) was
   * built in, as an absolute path so that it works from any folder; {@code aida-billing} (from the
   * PATH) when there is none, as for an installed jar.
   */
  static String cliLauncher(Optional<Path> codeLocation) {
    return codeLocation
        .map(Path::toAbsolutePath)
        .map(p -> p.getParent() == null ? null : p.getParent().getParent()) // target → module
        .map(module -> module.getParent() == null ? null : module.getParent().resolve("bin"))
        .map(bin -> bin.resolve("aida-billing"))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .orElse("aida-billing");
  }

  /** Where this class was loaded from: the jar, or the classes folder; empty when unknown. */
  private static Optional<Path> codeLocation() {
    try {
      return Optional.of(
          Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (RuntimeException | java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** A value as one shell word: as it is when plain, else in single quotes. */
  private static String shellWord(String v) {
    return v.matches("[A-Za-z0-9_./:@%+=,-]+") ? v : "'" + v.replace("'", "'\\''") + "'";
  }

  /** The innermost cause's message, e.g. "Address already in use". */
  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * Names {@link DeferredResetLogManager} as the JVM's log manager unless one is named already.
   * Must run before the first logger, and must not initialise that class: a subclass of {@code
   * LogManager} starts the JDK's own manager as it loads (a class literal does not).
   */
  static void selectLogManager() {
    if (System.getProperty(DeferredResetLogManager.PROPERTY) == null) {
      System.setProperty(DeferredResetLogManager.PROPERTY, DeferredResetLogManager.class.getName());
    }
  }

  /**
   * One line per record on stderr ({@link LogLineFormatter}), written in batches by {@link
   * BatchingLineHandler}, and Undertow's logging through the JDK's. A logging configuration or
   * format given on the command line wins.
   */
  private static void configureLogging() {
    boolean configured =
        System.getProperty("java.util.logging.config.file") != null
            || System.getProperty("java.util.logging.config.class") != null
            || System.getProperty("java.util.logging.SimpleFormatter.format") != null;
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", LogLineFormatter.SIMPLE_FORMAT);
    }
    if (!configured) {
      Logger root = Logger.getLogger("");
      for (Handler h : root.getHandlers()) {
        if (h instanceof ConsoleHandler) {
          Handler batching = new BatchingLineHandler(System.err, new LogLineFormatter(), 8192);
          batching.setLevel(h.getLevel());
          root.removeHandler(h);
          root.addHandler(batching);
        }
      }
    }
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "jdk");
    }
  }
}
