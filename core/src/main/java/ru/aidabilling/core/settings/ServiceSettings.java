package ru.aidabilling.core.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The settings only the service ({@code aida-billing-http}) reads — where it listens, its tokens
 * and its limits — with the one set of rules both the service (at start) and the CLI's {@code
 * config check} apply, so that the check reports exactly what would stop the service. Every reader
 * throws {@link SettingsException} naming the setting; a token never shows in a message.
 *
 * @param tokens the bearer tokens as configured; empty only when read for the sandbox, which then
 *     accepts its own
 * @param ratePerSecond per-token requests per second; 0 turns the limit off
 * @param authFailuresPerMinute failed bearer-token checks a client address may make a minute (and
 *     at once) before its requests without a valid token are answered 429; 0 turns it off
 * @param queue requests allowed to wait for a worker; 0 means none wait
 */
public record ServiceSettings(
    String host,
    int port,
    List<String> tokens,
    int ratePerSecond,
    int rateBurst,
    int authFailuresPerMinute,
    int workers,
    int queue,
    Duration requestDeadline,
    Duration webhookDeadline,
    int maxBodyBytes,
    Duration bodyTimeout,
    int maxConnections) {

  public ServiceSettings {
    tokens = List.copyOf(tokens);
  }

  /**
   * Reads and checks every service setting; {@code AIDA_API_TOKENS} is required unless {@code
   * sandbox}.
   *
   * @throws SettingsException naming the first setting that is missing or wrong
   */
  public static ServiceSettings from(Settings s, boolean sandbox) {
    List<String> tokens = tokens(s, sandbox); // first: without one nothing else matters
    return new ServiceSettings(
        host(s),
        port(s),
        tokens,
        ratePerSecond(s),
        rateBurst(s),
        authFailuresPerMinute(s),
        workers(s),
        queue(s),
        requestDeadline(s),
        webhookDeadline(s),
        maxBodyBytes(s),
        bodyTimeout(s),
        maxConnections(s));
  }

  /**
   * Every problem {@link #from} would stop at, one per setting, in the settings' order; empty when
   * the service would start with them. An unset {@code AIDA_API_TOKENS} is no problem here (the
   * command line does not need it; the caller says what it means); a set one is checked.
   */
  public static List<SettingsException> problems(Settings s) {
    List<Consumer<Settings>> rules =
        List.of(
            ServiceSettings::host,
            ServiceSettings::port,
            x -> tokens(x, true),
            ServiceSettings::ratePerSecond,
            ServiceSettings::rateBurst,
            ServiceSettings::authFailuresPerMinute,
            ServiceSettings::workers,
            ServiceSettings::queue,
            ServiceSettings::requestDeadline,
            ServiceSettings::webhookDeadline,
            ServiceSettings::maxBodyBytes,
            ServiceSettings::bodyTimeout,
            ServiceSettings::maxConnections);
    List<SettingsException> out = new ArrayList<>();
    for (Consumer<Settings> rule : rules) {
      try {
        rule.accept(s);
      } catch (SettingsException e) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * {@code AIDA_HTTP_PORT}: 1 to 65535. Port 0 makes the system pick a free port, a different one
   * at every start, where FreeScout's module (whose service URL names a port) cannot find the
   * service: it is taken only from the command line ({@code --port 0}, a one-off run or a test,
   * which prints the port it got), never from the environment or the properties file that configure
   * the service for good.
   */
  private static int port(Settings s) {
    boolean commandLine = s.fromCommandLine(Setting.HTTP_PORT);
    if (!commandLine && s.optional(Setting.HTTP_PORT).filter(v -> v.matches("0+")).isPresent()) {
      String name = Setting.HTTP_PORT.envName();
      throw new SettingsException(
          name,
          name
              + " is 0, which would make aida-billing-http listen on a random free port, a"
              + " different one at every start, that FreeScout's module cannot know; set the"
              + " port the module's service URL names (default 8900), or pass --port 0 for a"
              + " one-off run");
    }
    return s.integer(Setting.HTTP_PORT, commandLine ? 0 : 1, 65_535);
  }

  private static int ratePerSecond(Settings s) {
    return s.integer(Setting.RATE_LIMIT_PER_SECOND, 0, 1_000_000);
  }

  /** At least 1: a burst of 0 would refuse every request; the rate turns the limit off. */
  private static int rateBurst(Settings s) {
    return s.integer(Setting.RATE_LIMIT_BURST, 1, 1_000_000);
  }

  private static int authFailuresPerMinute(Settings s) {
    return s.integer(Setting.AUTH_FAILURES_PER_MINUTE, 0, 1_000_000);
  }

  private static int workers(Settings s) {
    return s.integer(Setting.WORKERS, 1, 4096);
  }

  private static int queue(Settings s) {
    return s.integer(Setting.QUEUE, 0, 1_000_000);
  }

  private static Duration requestDeadline(Settings s) {
    return s.millis(Setting.REQUEST_DEADLINE_MS, 50, 600_000);
  }

  private static Duration webhookDeadline(Settings s) {
    return s.millis(Setting.WEBHOOK_DEADLINE_MS, 50, 600_000);
  }

  private static int maxBodyBytes(Settings s) {
    return s.integer(Setting.MAX_BODY_BYTES, 1024, 16 * 1024 * 1024);
  }

  private static Duration bodyTimeout(Settings s) {
    return s.millis(Setting.BODY_TIMEOUT_MS, 100, 600_000);
  }

  private static int maxConnections(Settings s) {
    return s.integer(Setting.MAX_CONNECTIONS, 1, 1_000_000);
  }

  /**
   * {@code AIDA_HTTP_HOST}: an address, or a name that resolves to one (the service would otherwise
   * fail to bind with an {@code UnknownHostException} naming no setting).
   */
  private static String host(Settings s) {
    String host = s.required(Setting.HTTP_HOST);
    try {
      InetAddress.getByName(host);
      return host;
    } catch (UnknownHostException | SecurityException e) {
      throw new SettingsException(
          Setting.HTTP_HOST.envName(),
          Setting.HTTP_HOST.envName()
              + " must be an IP address or a host name that resolves (e.g. 127.0.0.1 or"
              + " 0.0.0.0), got '"
              + host
              + "'");
    }
  }

  /** {@code AIDA_API_TOKENS}: printable ASCII, none the example's placeholder. */
  private static List<String> tokens(Settings s, boolean sandbox) {
    String name = Setting.API_TOKENS.envName();
    List<String> tokens = s.list(Setting.API_TOKENS);
    if (tokens.isEmpty() && !sandbox) {
      throw new SettingsException(
          name,
          name
              + " is required: http-app accepts no request without a bearer token (set"
              + " comma-separated tokens, or start with --sandbox to try it out)");
    }
    for (String t : tokens) {
      if (!t.matches("[\\x21-\\x7E]+")) {
        throw new SettingsException(
            name,
            name
                + " holds a token with spaces or non-ASCII characters; tokens are printable"
                + " ASCII separated by commas");
      }
      if (t.toLowerCase(Locale.ROOT).startsWith("change-me")) {
        throw new SettingsException(
            name,
            name
                + " still holds the example's placeholder token; make a real one, e.g. with"
                + " 'openssl rand -hex 32'");
      }
    }
    return tokens;
  }

  /** Never shows a token. */
  @Override
  public String toString() {
    return "ServiceSettings[host="
        + host
        + ", port="
        + port
        + ", tokens="
        + tokens.size()
        + ", ratePerSecond="
        + ratePerSecond
        + ", rateBurst="
        + rateBurst
        + ", authFailuresPerMinute="
        + authFailuresPerMinute
        + ", workers="
        + workers
        + ", queue="
        + queue
        + ", requestDeadline="
        + requestDeadline
        + ", webhookDeadline="
        + webhookDeadline
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", bodyTimeout="
        + bodyTimeout
        + ", maxConnections="
        + maxConnections
        + "]";
  }
}
