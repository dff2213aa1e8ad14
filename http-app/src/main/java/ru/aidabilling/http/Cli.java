package ru.aidabilling.http;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import ru.aidabilling.core.settings.Setting;

/**
 * The command line of {@code aida-billing-http}: {@code --sandbox}, {@code --config FILE}, {@code
 * --host}, {@code --port}, {@code --help}. Options become settings overrides, so they take
 * precedence over the environment and the properties file (spec 10) and are checked by the same
 * rules.
 */
record Cli(boolean sandbox, boolean help, Optional<Path> config, Map<Setting, String> overrides) {
  static final String USAGE =
      """
      Usage: aida-billing-http [--sandbox] [--config FILE] [--host HOST] [--port PORT] [--help]

      Runs the AidaBilling HTTP service (spec 7): the v1 API, /get_balance, the FreeScout
      webhook, /healthz, /readyz and /metrics.

        --sandbox      start with embedded fake billing and FreeScout and the demo page at /;
                       needs no settings (token "sandbox" unless AIDA_API_TOKENS is set)
        --config FILE  properties file (keys aida.*, e.g. aida.billing.url); AIDA_CONFIG also works
        --host HOST    listen address (AIDA_HTTP_HOST, default 127.0.0.1)
        --port PORT    listen port (AIDA_HTTP_PORT, default 8900; 0 picks a free port)
        --help         this text

      Settings come from AIDA_* environment variables (see README): AIDA_API_TOKENS,
      AIDA_BILLING_URL, AIDA_FREESCOUT_URL, AIDA_FREESCOUT_API_KEY are needed outside the sandbox.
      Exit codes: 2 bad command line, 7 bad setting, 1 could not start; SIGTERM stops gracefully.
      """;

  /** A command line that cannot be understood; the message says why. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static Cli parse(String... args) throws UsageException {
    boolean sandbox = false;
    boolean help = false;
    Optional<Path> config = Optional.empty();
    Map<Setting, String> overrides = new EnumMap<>(Setting.class);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--sandbox" -> sandbox = flag(name, value);
        case "--help", "-h" -> help = flag(name, value);
        case "--config", "--host", "--port" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException(name + " needs a value");
            }
            value = args[++i];
          }
          switch (name) {
            case "--config" -> config = Optional.of(Path.of(value));
            case "--host" -> overrides.put(Setting.HTTP_HOST, value);
            default -> overrides.put(Setting.HTTP_PORT, value);
          }
        }
        default -> throw new UsageException("unknown option: " + arg);
      }
    }
    return new Cli(sandbox, help, config, overrides);
  }

  private static boolean flag(String name, String value) throws UsageException {
    if (value != null) {
      throw new UsageException(name + " takes no value");
    }
    return true;
  }
}
