package ru.aidabilling.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Logger;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;

/**
 * What every command of one run shares: the streams, the global options, and the settings and
 * wiring, both built only when a command first asks for them (so {@code parse} and {@code --help}
 * never need an upstream setting).
 */
final class CliContext implements AutoCloseable {
  final CliIo io;
  final PrintWriter out;
  final PrintWriter err;
  final StopFlag stop;
  private ObjectMapper json;
  private final java.util.function.BiFunction<Settings, WriteGate, Wiring> wiringFactory;
  final WriteGate writes = new WriteGate();
  private final Consumer<Runnable> interrupts;

  Path configFile;
  String billingUrl;
  String freescoutUrl;
  volatile boolean verbose;
  private Settings settings;
  private Wiring wiring;
  private Handler logs;

  CliContext(
      CliIo io,
      PrintWriter out,
      PrintWriter err,
      StopFlag stop,
      java.util.function.BiFunction<Settings, WriteGate, Wiring> wiringFactory,
      Consumer<Runnable> interrupts) {
    this.io = io;
    this.out = out;
    this.err = err;
    this.stop = stop;
    this.wiringFactory = wiringFactory;
    this.interrupts = interrupts;
  }

  /** Command line (the global options) > environment > properties file > default. */
  Settings settings() {
    if (settings == null) {
      Map<Setting, String> given = new EnumMap<>(Setting.class);
      if (billingUrl != null) {
        given.put(Setting.BILLING_URL, billingUrl);
      }
      if (freescoutUrl != null) {
        given.put(Setting.FREESCOUT_URL, freescoutUrl);
      }
      settings = Settings.load(io.env(), given, Optional.ofNullable(configFile));
    }
    return settings;
  }

  /**
   * The adapters and services, built from the settings on first use.
   *
   * @throws ru.aidabilling.core.settings.SettingsException naming the setting to fix
   */
  Wiring wiring() {
    if (wiring == null) {
      if (logs == null) {
        // Only the wiring's adapters and services log; --help and parse never start the JDK's
        // logging, which costs milliseconds of every start.
        logs = new CliLogHandler(this);
        Logger.getLogger("").addHandler(logs);
      }
      wiring = wiringFactory.apply(settings(), writes);
    }
    return wiring;
  }

  /** The audit actor of this run: {@code operator:<login>}, non-ASCII characters replaced. */
  Actor actor() {
    String login = io.login().replaceAll("[^\\x21-\\x7E]", "_");
    return Actor.operator(login.length() > 180 ? login.substring(0, 180) : login);
  }

  /** Runs {@code action} when the process is asked to stop (Ctrl-C, SIGTERM). */
  void onInterrupt(Runnable action) {
    interrupts.accept(action);
  }

  /**
   * {@code sync} and {@code undo}: holds the process's stop (Ctrl-C, SIGTERM), once a write to
   * FreeScout has begun, until {@code work} has finished: a write FreeScout has taken is then also
   * in the audit log (and its outcome printed) before the process ends. A stop before any write
   * ends the run at once, and no write starts after it.
   */
  <T> T finishingOnStop(String command, java.util.concurrent.Callable<T> work) throws Exception {
    return holdingStop(
        command + ": stopping: waiting for the running write to be recorded...",
        writes::stopAndAnyBegun,
        work);
  }

  /**
   * Runs {@code work}; a stop (Ctrl-C, SIGTERM) that comes meanwhile first calls {@code stopping},
   * and when that answers true, says {@code line} on stderr and holds the process until {@code
   * work} has finished, up to {@link SyncAllCmd#stopGrace}. A stop after {@code work} (the JVM
   * exiting) does nothing.
   */
  <T> T holdingStop(
      String line,
      java.util.function.BooleanSupplier stopping,
      java.util.concurrent.Callable<T> work)
      throws Exception {
    java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
    onInterrupt(
        () -> {
          if (finished.getCount() == 0) {
            return; // the JVM is exiting after the command, not interrupting it
          }
          if (!stopping.getAsBoolean()) {
            return; // nothing to wait for: stop at once
          }
          synchronized (err) {
            err.println();
            err.println(line);
            err.flush();
          }
          try {
            finished.await(
                SyncAllCmd.stopGrace(settings()).toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
          } catch (InterruptedException | RuntimeException e) {
            Thread.currentThread().interrupt();
          }
        });
    try {
      return work.call();
    } finally {
      out.flush();
      finished.countDown();
    }
  }

  /** Built on first use: Jackson's start-up is not free, and --help needs none of it. */
  ObjectMapper json() {
    if (json == null) {
      json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
    return json;
  }

  /** One compact JSON document on a line of stdout. */
  void printJson(Object value) {
    out.println(toJson(value));
    out.flush();
  }

  String toJson(Object value) {
    try {
      return json().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (wiring != null) {
        wiring.close();
      }
    } finally {
      if (logs != null) {
        Logger.getLogger("").removeHandler(logs);
      }
    }
  }
}
