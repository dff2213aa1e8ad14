package ru.aidabilling.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.PhoneFormat;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.settings.PersonalDataFile;
import ru.aidabilling.core.settings.ServiceSettings;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;

/**
 * Validates every setting the command line uses, and those only the service reads, and collects all
 * problems at once (so {@code config check} names each setting to fix, not just the first). The
 * adapters validate again when they are built; this list is for the operator's message.
 */
final class SettingsCheck {
  private SettingsCheck() {}

  private static Map<Setting, Consumer<Settings>> rules() {
    Map<Setting, Consumer<Settings>> r = new LinkedHashMap<>();
    r.put(Setting.BILLING_URL, s -> s.url(Setting.BILLING_URL));
    r.put(
        Setting.BILLING_PHONE_FORMAT,
        s ->
            s.parsed(
                Setting.BILLING_PHONE_FORMAT,
                v -> PhoneFormat.valueOf(v.toUpperCase(Locale.ROOT)),
                "E164, DIGITS11, NATIONAL8, DIGITS10"));
    r.put(Setting.BILLING_EXTRA_HEADER, SettingsCheck::extraHeader);
    r.put(
        Setting.BILLING_CONNECT_TIMEOUT_MS,
        s -> s.millis(Setting.BILLING_CONNECT_TIMEOUT_MS, 1, 60_000));
    r.put(Setting.BILLING_TIMEOUT_MS, s -> s.millis(Setting.BILLING_TIMEOUT_MS, 1, 120_000));
    r.put(Setting.BILLING_RETRY_DELAY_MS, s -> s.millis(Setting.BILLING_RETRY_DELAY_MS, 0, 10_000));
    r.put(Setting.FREESCOUT_URL, s -> s.url(Setting.FREESCOUT_URL));
    r.put(Setting.FREESCOUT_API_KEY, s -> s.required(Setting.FREESCOUT_API_KEY));
    r.put(
        Setting.FREESCOUT_CONNECT_TIMEOUT_MS,
        s -> s.millis(Setting.FREESCOUT_CONNECT_TIMEOUT_MS, 1, 60_000));
    r.put(Setting.FREESCOUT_TIMEOUT_MS, s -> s.millis(Setting.FREESCOUT_TIMEOUT_MS, 1, 120_000));
    r.put(Setting.MAPPING, s -> s.parsed(Setting.MAPPING, MappingMode::parse, "seed, full"));
    r.put(
        Setting.WRITE_POLICY,
        s -> s.parsed(Setting.WRITE_POLICY, WritePolicy::parse, "overwrite, fill-empty"));
    r.put(Setting.AUDIT_FILE, SettingsCheck::auditFile);
    return r;
  }

  /** Every problem, one message each, naming its setting; empty when all is well. */
  static List<String> problems(Settings settings) {
    List<String> out = new ArrayList<>();
    for (Consumer<Settings> rule : rules().values()) {
      try {
        rule.accept(settings);
      } catch (SettingsException e) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  /**
   * Every problem with the settings only {@code aida-billing-http} reads (where it listens, its
   * tokens, its limits), by the rules it applies at start ({@link ServiceSettings}): each of these
   * would stop the service with exit 7. An unset {@code AIDA_API_TOKENS} is none (see {@link
   * #serviceWithoutTokens}).
   */
  static List<String> serviceProblems(Settings settings) {
    return ServiceSettings.problems(settings).stream().map(SettingsException::getMessage).toList();
  }

  /** Whether {@code AIDA_API_TOKENS} is unset: fine for the command line, not for the service. */
  static boolean serviceWithoutTokens(Settings settings) {
    return settings.list(Setting.API_TOKENS).isEmpty();
  }

  private static void extraHeader(Settings s) {
    s.optional(Setting.BILLING_EXTRA_HEADER)
        .ifPresent(
            v -> {
              int colon = v.indexOf(':');
              if (colon <= 0 || !v.substring(0, colon).strip().matches("[A-Za-z0-9-]+")) {
                throw new SettingsException(
                    Setting.BILLING_EXTRA_HEADER.envName(),
                    Setting.BILLING_EXTRA_HEADER.envName()
                        + " must look like 'Header-Name: value'");
              }
            });
  }

  private static void auditFile(Settings s) {
    Path file = Path.of(s.required(Setting.AUDIT_FILE)).toAbsolutePath();
    PersonalDataFile.whyNotWritable(file)
        .ifPresent(
            why -> {
              throw new SettingsException(
                  Setting.AUDIT_FILE.envName(),
                  Setting.AUDIT_FILE.envName() + " cannot be written: " + file + ": " + why);
            });
  }
}
