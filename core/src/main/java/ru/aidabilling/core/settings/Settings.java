package ru.aidabilling.core.settings;

import java.io.IOException;
import java.io.PushbackReader;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The resolved settings of one app run. Precedence (spec 10): command-line option > environment
 * variable > properties file ({@code --config} or {@code AIDA_CONFIG}) > default. Both apps build
 * one in their composition root; typed getters throw {@link SettingsException} naming the setting.
 */
public final class Settings {
  private static final String COMMAND_LINE = "command line";

  private final Map<Setting, String> values = new EnumMap<>(Setting.class);
  private final Map<Setting, String> sources = new EnumMap<>(Setting.class);

  private Settings() {}

  /** Defaults only; handy for tests and embedding, with {@link #with} for the rest. */
  public static Settings defaults() {
    return load(Map.of(), Map.of(), Optional.empty());
  }

  /**
   * @param environment usually {@code System.getenv()}
   * @param commandLine values given as options, by setting
   * @param configFile {@code --config}; when empty, {@code AIDA_CONFIG} (either layer) is used
   */
  public static Settings load(
      Map<String, String> environment,
      Map<Setting, String> commandLine,
      Optional<Path> configFile) {
    Settings s = new Settings();
    Optional<Path> file =
        configFile.or(
            () ->
                Optional.ofNullable(commandLine.get(Setting.CONFIG))
                    .or(() -> Optional.ofNullable(environment.get(Setting.CONFIG.envName())))
                    .filter(v -> !v.isBlank())
                    .map(Path::of));
    Properties props = file.map(Settings::readProperties).orElseGet(Properties::new);
    for (Setting setting : Setting.values()) {
      String v = commandLine.get(setting);
      String src = COMMAND_LINE;
      if (isBlank(v)) {
        v = environment.get(setting.envName());
        src = "environment";
      }
      if (isBlank(v)) {
        v = props.getProperty(setting.propertyKey());
        src = "file " + file.map(Path::toString).orElse("");
      }
      if (isBlank(v)) {
        v = setting.defaultValue();
        src = "default";
      }
      if (v != null) {
        s.values.put(setting, v.strip());
        s.sources.put(setting, src);
      }
    }
    if (file.isPresent()) {
      s.values.put(Setting.CONFIG, file.get().toString());
      // where the file was named: --config, or AIDA_CONFIG in the environment
      s.sources.put(
          Setting.CONFIG,
          configFile.isPresent() || commandLine.containsKey(Setting.CONFIG)
              ? COMMAND_LINE
              : "environment");
    }
    return s;
  }

  /** A copy with one value replaced (as if given on the command line). */
  public Settings with(Setting setting, String value) {
    Settings s = new Settings();
    s.values.putAll(values);
    s.sources.putAll(sources);
    if (value == null) {
      s.values.remove(setting);
      s.sources.remove(setting);
    } else {
      s.values.put(setting, value.strip());
      s.sources.put(setting, COMMAND_LINE);
    }
    return s;
  }

  public Optional<String> optional(Setting setting) {
    return Optional.ofNullable(values.get(setting)).filter(v -> !v.isEmpty());
  }

  public String required(Setting setting) {
    return optional(setting)
        .orElseThrow(
            () ->
                new SettingsException(
                    setting.envName(),
                    setting.envName()
                        + " is required ("
                        + setting.description()
                        + "): set the environment variable or "
                        + setting.propertyKey()
                        + " in the properties file"));
  }

  public int integer(Setting setting, int min, int max) {
    String v = required(setting);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new SettingsException(
          setting.envName(),
          setting.envName()
              + " must be a whole number from "
              + min
              + " to "
              + max
              + shown(setting, v));
    }
  }

  public Duration millis(Setting setting, long min, long max) {
    String v = required(setting);
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(n);
    } catch (NumberFormatException e) {
      throw new SettingsException(
          setting.envName(),
          setting.envName()
              + " must be milliseconds from "
              + min
              + " to "
              + max
              + shown(setting, v));
    }
  }

  /**
   * An absolute http or https URL with a host, and a port from 1 to 65535 when it names one (a port
   * past that passes {@link URI} and {@link java.net.URL} and fails only at the connection).
   */
  public URI url(Setting setting) {
    String v = required(setting);
    try {
      URI u = new URI(v);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        throw new URISyntaxException(v, "not http(s)");
      }
      if (u.getPort() != -1 && (u.getPort() < 1 || u.getPort() > 65_535)) {
        throw new SettingsException(
            setting.envName(),
            setting.envName()
                + " names the port "
                + u.getPort()
                + "; a port is from 1 to 65535"
                + shown(setting, v));
      }
      u.toURL(); // what the adapters connect with: refuses what it cannot open
      return u;
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new SettingsException(
          setting.envName(),
          setting.envName()
              + " must be an http:// or https:// URL with a host"
              + shown(setting, v));
    }
  }

  /** Parses with the given function; names the allowed values when it fails. */
  public <T> T parsed(Setting setting, Function<String, T> parser, String allowed) {
    String v = required(setting);
    try {
      return parser.apply(v);
    } catch (RuntimeException e) {
      throw new SettingsException(
          setting.envName(), setting.envName() + " must be one of " + allowed + shown(setting, v));
    }
  }

  /** Comma-separated, trimmed, blanks dropped; empty when unset. */
  public List<String> list(Setting setting) {
    return optional(setting)
        .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList())
        .orElse(List.of());
  }

  /** Whether the value was given on the command line (or by {@link #with}). */
  public boolean fromCommandLine(Setting setting) {
    return COMMAND_LINE.equals(sources.get(setting));
  }

  /** Where the value came from: command line, environment, file …, default; empty when unset. */
  public Optional<String> sourceOf(Setting setting) {
    return Optional.ofNullable(sources.get(setting));
  }

  /**
   * Every setting as {@code NAME -> value [source]} with secrets masked, for {@code config check}.
   */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Setting setting : Setting.values()) {
      String v = values.get(setting);
      String shown =
          v == null ? "(not set)" : setting.isSecret() ? "******" : withoutCredentials(v);
      out.put(setting.envName(), shown + (v == null ? "" : " [" + sources.get(setting) + "]"));
    }
    return out;
  }

  /** The names of the settings that are required for the upstreams and missing. */
  public List<String> missingUpstreamSettings() {
    List<String> missing = new ArrayList<>();
    for (Setting s :
        List.of(Setting.BILLING_URL, Setting.FREESCOUT_URL, Setting.FREESCOUT_API_KEY)) {
      if (optional(s).isEmpty()) {
        missing.add(s.envName());
      }
    }
    return missing;
  }

  private static String shown(Setting setting, String v) {
    return setting.isSecret() ? "" : ", got '" + withoutCredentials(v) + "'";
  }

  /**
   * A value as it may be shown: in a URL, the password of {@code user:password@} (or a lone {@code
   * token@}) and the values of the query ({@code ?apikey=...}) become {@code ***}; any other text
   * is returned as it is.
   */
  static String withoutCredentials(String v) {
    int scheme = v.indexOf("://");
    if (scheme < 0) {
      return v;
    }
    int start = scheme + 3;
    int end = start;
    while (end < v.length() && "/?#".indexOf(v.charAt(end)) < 0) {
      end++;
    }
    String authority = v.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String user = authority.substring(0, at);
      int colon = user.indexOf(':');
      authority =
          (colon >= 0 ? user.substring(0, colon) + ":***" : "***") + authority.substring(at);
    }
    String rest = v.substring(end);
    int query = rest.indexOf('?');
    if (query >= 0) {
      int fragment = rest.indexOf('#', query);
      String params = rest.substring(query + 1, fragment < 0 ? rest.length() : fragment);
      StringBuilder masked = new StringBuilder();
      for (String p : params.split("&", -1)) {
        int eq = p.indexOf('=');
        masked
            .append(masked.length() == 0 ? "" : "&")
            .append(eq < 0 ? "***" : p.substring(0, eq + 1) + "***");
      }
      rest = rest.substring(0, query + 1) + masked + (fragment < 0 ? "" : rest.substring(fragment));
    }
    return v.substring(0, start) + authority + rest;
  }

  private static final int BYTE_ORDER_MARK = '\uFEFF';

  private static boolean isBlank(String v) {
    return v == null || v.isBlank();
  }

  /**
   * The properties file's keys and values. A UTF-8 byte-order mark at its start (Notepad writes
   * one) is skipped. A key that looks meant for us — {@code aida.} or {@code aida_} in any case —
   * but is not exactly a setting's key is an error naming the right key (a misspelt, upper-case or
   * environment-style key would otherwise be silently ignored); other keys are left alone.
   */
  private static Properties readProperties(Path file) {
    Properties p = new Properties();
    try (PushbackReader r =
        new PushbackReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      int first = r.read();
      if (first >= 0 && first != BYTE_ORDER_MARK) {
        r.unread(first);
      }
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new SettingsException(
          Setting.CONFIG.envName(), "the properties file " + file + " does not exist");
    } catch (MalformedInputException e) {
      throw new SettingsException(
          Setting.CONFIG.envName(), "the properties file " + file + " is not UTF-8 text");
    } catch (IOException | IllegalArgumentException e) {
      throw new SettingsException(
          Setting.CONFIG.envName(),
          "cannot read the properties file " + file + ": " + e.getMessage());
    }
    for (String key : p.stringPropertyNames()) {
      String lower = key.toLowerCase(Locale.ROOT);
      if ((lower.startsWith("aida.") || lower.startsWith("aida_")) && knownKey(key).isEmpty()) {
        throw new SettingsException(Setting.CONFIG.envName(), unknownKey(file, key));
      }
    }
    return p;
  }

  /** Why {@code key} is refused, and the key to write instead when there is one. */
  private static String unknownKey(Path file, String key) {
    String start = "the properties file " + file + " has the key '" + key + "'";
    Optional<Setting> byEnvName =
        Arrays.stream(Setting.values()).filter(s -> s.envName().equals(key)).findFirst();
    if (byEnvName.isPresent()) {
      return start
          + ", which is an environment name; in the file write "
          + byEnvName.get().propertyKey();
    }
    // Aida.Mapping, aida_write_policy, AIDA.MAPPING: the right key, spelt another way
    String normalised = key.toLowerCase(Locale.ROOT).replace('_', '.');
    Optional<Setting> spelt = knownKey(normalised);
    if (spelt.isPresent()) {
      return start + ", but keys are lower-case with dots: write " + spelt.get().propertyKey();
    }
    return start
        + ", which is no setting"
        + closest(normalised).map(k -> " (did you mean '" + k + "'?)").orElse("");
  }

  private static Optional<Setting> knownKey(String key) {
    for (Setting s : Setting.values()) {
      if (s.propertyKey().equals(key)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The setting key nearest to a misspelt one (at most 3 edits away). */
  private static Optional<String> closest(String key) {
    String best = null;
    int bestDistance = 4;
    for (Setting s : Setting.values()) {
      int d = editDistance(key, s.propertyKey());
      if (d < bestDistance) {
        best = s.propertyKey();
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
