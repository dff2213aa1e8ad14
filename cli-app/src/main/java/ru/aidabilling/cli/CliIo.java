package ru.aidabilling.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * The outside world of one CLI run: standard streams, environment, whether stderr is a terminal and
 * the operator's login. Tests pass their own, so every command runs in-process against captured
 * streams.
 *
 * @param terminal true when a person is watching (a progress bar instead of periodic lines)
 * @param login the operator's login name, recorded as the audit actor {@code operator:<login>}
 */
public record CliIo(
    InputStream in,
    OutputStream out,
    OutputStream err,
    Map<String, String> env,
    boolean terminal,
    String login) {
  public CliIo {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
    Objects.requireNonNull(login, "login");
  }

  /**
   * The real process: raw file descriptors (so output is UTF-8 whatever the locale), {@code
   * System.getenv()}, and the login of the person behind {@code sudo} when there is one.
   */
  public static CliIo system() {
    Map<String, String> env = System.getenv();
    return new CliIo(
        new FileInputStream(FileDescriptor.in),
        new FileOutputStream(FileDescriptor.out),
        new FileOutputStream(FileDescriptor.err),
        env,
        terminal(System.getProperty("aida.stderr.terminal"), System.console() != null),
        login(env, System.getProperty("user.name")));
  }

  /**
   * Whether a person watches stderr, where the progress bar goes. The launcher knows ({@code [ -t 2
   * ]}) and says so in {@code aida.stderr.terminal}; without it (the jar run directly) the JVM's
   * console stands in, which needs stdin and stdout to be terminals and so misses {@code sync-all >
   * out.txt}.
   */
  static boolean terminal(String launcherSays, boolean console) {
    return launcherSays != null ? Boolean.parseBoolean(launcherSays) : console;
  }

  /** {@code $SUDO_USER} (the real person), else {@code user.name}, else {@code $USER}. */
  static String login(Map<String, String> env, String userNameProperty) {
    for (String candidate :
        new String[] {env.get("SUDO_USER"), userNameProperty, env.get("USER")}) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.strip();
      }
    }
    return "unknown";
  }
}
