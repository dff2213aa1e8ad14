package ru.aidabilling.http.reliability;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Watches every log record the service writes while http-app's tests run, in every test class: a
 * JUnit Platform session listener (registered in {@code META-INF/services}) attaches one handler to
 * the JDK's root logger before the first test and turns the service's own loggers ({@code
 * ru.aidabilling}) up to every level, so that debug lines are checked too. Each record goes, fully
 * formatted with its stack trace, to {@code target/service-log.txt}. {@link LogHygieneTest} runs
 * last and fails the build when any line holds a test token, API key or webhook secret, an unmasked
 * phone number or a fixture's full name (in any letter case, with any kind of space between its
 * words); the listener checks once more when the session ends.
 */
public final class LogHygiene implements LauncherSessionListener {
  /** The tokens, keys and secrets any http-app test configures. */
  static final List<String> SECRETS =
      List.of(
          EndToEnd.TOKEN,
          EndToEnd.WEBHOOK_SECRET,
          StubFreeScout.API_KEY,
          "test-token-0123456789",
          "second-token-abcdef",
          "hush-secret-42",
          "webhook-secret-ü",
          "alpha-token",
          "beta-token",
          "my-own-token-1234",
          "secret-token-xyz-123");

  /** Full names of the fixtures and test data: none may appear in a log line. */
  static final List<String> FULL_NAMES =
      List.of(
          "Новичков Тарас Викторович",
          "Петров Иван Сергеевич",
          "Петрова Мария Ивановна",
          "Петрова Ольга Ивановна",
          "Сидоров Пётр Ильич",
          "Сидорова Анна Петровна",
          "Смирнова Анна Павловна");

  /** A Russian mobile number, +7/7/8 and ten digits, written plain or with separators. */
  static final Pattern PHONE =
      Pattern.compile(
          "(?<![0-9A-Za-z*])(?:\\+7|7|8)[\\s()-]{0,2}\\d{3}[\\s()-]{0,2}\\d{3}[\\s-]?\\d{2}[\\s-]?\\d{2}(?!\\d)");

  /** A credential in the clear, whatever its value (the sandbox's API key is random). */
  static final Pattern CREDENTIAL =
      Pattern.compile(
          "(?i)(?:bearer\\s+[A-Za-z0-9._~+/=-]{6,}|x-freescout-api-key\\s*[:=]\\s*\\S+"
              + "|api_key=[^&\\s*]+|x-freescout-signature\\s*[:=]\\s*\\S+"
              + "|sandbox-[0-9a-f]{16,})");

  /** A body dump with a name in it. */
  static final Pattern NAME_FIELD =
      Pattern.compile("(?i)\"?full_?name\"?\\s*[:=]\\s*\"?[А-ЯЁа-яё]{2}");

  private static final Logger ROOT = Logger.getLogger("");
  private static final Logger SERVICE = Logger.getLogger("ru.aidabilling");
  private static final List<String> LINES = new ArrayList<>();
  private static volatile boolean installed;
  private static Writer file;
  private static final Handler HANDLER =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String line = format(record);
          synchronized (LINES) {
            LINES.add(line);
            if (file != null) {
              try {
                file.write(line);
                file.write('\n');
                file.flush();
              } catch (IOException e) {
                // the in-memory copy is what the check reads
              }
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    install();
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    List<String> bad = violations();
    synchronized (LINES) {
      try {
        if (file != null) {
          file.close();
          file = null;
        }
      } catch (IOException ignored) {
        // closing the copy on disk
      }
    }
    if (!bad.isEmpty()) {
      String report = "log lines leaking secrets, phones or names:\n" + String.join("\n", bad);
      try {
        Files.writeString(
            Path.of("target", "service-log-violations.txt"), report, StandardCharsets.UTF_8);
      } catch (IOException ignored) {
        // the exception below carries the report
      }
      throw new IllegalStateException(report);
    }
  }

  /** Attaches the handler once (also when a single test class runs from an IDE). */
  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    SERVICE.setLevel(Level.ALL);
    HANDLER.setLevel(Level.ALL);
    ROOT.addHandler(HANDLER);
    try {
      Path target = Path.of("target");
      Files.createDirectories(target);
      file = Files.newBufferedWriter(target.resolve("service-log.txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The captured lines that contain {@code text}, in order. */
  static List<String> linesContaining(String text) {
    synchronized (LINES) {
      return LINES.stream().filter(l -> l.contains(text)).toList();
    }
  }

  static int recordCount() {
    synchronized (LINES) {
      return LINES.size();
    }
  }

  /** The captured lines that break the rules, each with the reason. */
  static List<String> violations() {
    List<String> lines;
    synchronized (LINES) {
      lines = List.copyOf(LINES);
    }
    List<String> bad = new ArrayList<>();
    for (String line : lines) {
      check(line).ifPresent(reason -> bad.add(reason + " | " + line));
    }
    return bad;
  }

  /**
   * Runs of spaces of any kind (tabs, no-break, thin and other Unicode spaces): a name or a phone
   * written with them is as much a leak as one written with a plain space.
   */
  private static final Pattern SPACES = Pattern.compile("[\\t\\p{Zs}]+");

  /** Dashes of any kind, read as a hyphen between a phone's digits. */
  private static final Pattern DASHES = Pattern.compile("[\\p{Pd}\\u2212]");

  /** Why a line must not be logged, if it must not. */
  static java.util.Optional<String> check(String logged) {
    for (String s : SECRETS) {
      if (logged.contains(s)) {
        return java.util.Optional.of("secret " + s.substring(0, 4) + "…");
      }
    }
    String line = SPACES.matcher(logged).replaceAll(" ");
    String lower = line.toLowerCase(java.util.Locale.ROOT);
    for (String name : FULL_NAMES) {
      String[] w = name.split(" ");
      for (String shown : List.of(name, w[0] + " " + w[1], w[1] + " " + w[0], w[1] + " " + w[2])) {
        if (lower.contains(shown.toLowerCase(java.util.Locale.ROOT))) { // in any letter case
          return java.util.Optional.of("name " + shown.charAt(0) + "***");
        }
      }
    }
    Matcher phone = PHONE.matcher(DASHES.matcher(line).replaceAll("-"));
    if (phone.find()) {
      return java.util.Optional.of("phone");
    }
    if (CREDENTIAL.matcher(line).find()) {
      return java.util.Optional.of("credential");
    }
    if (NAME_FIELD.matcher(line).find()) {
      return java.util.Optional.of("name field");
    }
    return java.util.Optional.empty();
  }

  private static String format(LogRecord r) {
    String message;
    try {
      message = FORMATTER.formatMessage(r);
    } catch (RuntimeException e) {
      message = String.valueOf(r.getMessage());
    }
    StringBuilder b =
        new StringBuilder()
            .append(r.getLevel())
            .append(' ')
            .append(r.getLoggerName())
            .append(": ")
            .append(message);
    if (r.getThrown() != null) {
      StringWriter w = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(w));
      b.append(" | ").append(w.toString().replace('\n', ' '));
    }
    return b.toString();
  }

  private static final Formatter FORMATTER =
      new Formatter() {
        @Override
        public String format(LogRecord record) {
          return formatMessage(record);
        }
      };
}
