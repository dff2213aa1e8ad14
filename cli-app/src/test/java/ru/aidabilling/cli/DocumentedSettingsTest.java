package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.adapter.billing.BillingConfig;
import ru.aidabilling.adapter.freescout.FreeScoutConfig;
import ru.aidabilling.core.settings.ServiceSettings;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;
import ru.aidabilling.core.testing.Markdown;
import ru.aidabilling.core.testing.Markdown.Row;

/**
 * The README's settings table says what the code does: every {@link Setting} has a row, with the
 * code's default and, for a number, the range every app that reads it accepts (probed at both ends
 * through the real readers); the table names no setting the code lacks; and no document names an
 * {@code AIDA_*} variable or {@code aida.*} key that is no setting. Sits in cli-app because only
 * here are all the readers visible (config check, both adapters, the service's rules).
 */
class DocumentedSettingsTest {
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
  private static final String[] DOCUMENTS = {
    "README.md",
    "docs/http-api.md",
    "docs/cli.md",
    "docs/sandbox.md",
    "docs/real-freescout.md",
    "benchmarks/README.md",
    "deploy/aida-billing.env.example",
    "deploy/aida-billing-http.service",
    "deploy/check.sh"
  };

  @TempDir Path dir;

  private final List<String> drift = new ArrayList<>();

  /** One documented setting: its row and its place in the row. */
  private record Documented(Row row, int index, int of) {}

  @Test
  void theSettingsTableListsEverySettingWithTheCodesDefault() {
    Map<Setting, Documented> table = table();
    for (Setting s : Setting.values()) {
      if (!table.containsKey(s)) {
        drift.add(
            "README.md, ## Settings: no row names "
                + s.envName()
                + " (default "
                + s.defaultValue()
                + ")");
      }
    }
    for (Map.Entry<Setting, Documented> e : table.entrySet()) {
      checkDefault(e.getKey(), e.getValue());
    }
    assertEquals(List.of(), drift, String.join("\n", drift));
  }

  @Test
  void theSettingsTableGivesTheRangeEveryReaderAccepts() {
    Map<Setting, Documented> table = table();
    for (Map.Entry<Setting, Documented> e : table.entrySet()) {
      checkRange(e.getKey(), e.getValue());
    }
    assertEquals(List.of(), drift, String.join("\n", drift));
  }

  @Test
  void theDocumentsNameNoSettingTheCodeLacks() {
    Pattern env = Pattern.compile("\\bAIDA_[A-Z0-9_]*[A-Z0-9]");
    Pattern key = Pattern.compile("\\baida\\.[a-z][a-z0-9.]*[a-z0-9]");
    Map<String, Setting> byEnv =
        Arrays.stream(Setting.values())
            .collect(Collectors.toMap(Setting::envName, s -> s, (a, b) -> a));
    Map<String, Setting> byKey =
        Arrays.stream(Setting.values())
            .collect(Collectors.toMap(Setting::propertyKey, s -> s, (a, b) -> a));
    for (String document : DOCUMENTS) {
      String[] lines = Markdown.project(document).text().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = env.matcher(lines[i]);
        while (m.find()) {
          // AIDA_IT_*: the environment of the real-FreeScout test, not a setting
          if (!byEnv.containsKey(m.group()) && !m.group().startsWith("AIDA_IT_")) {
            drift.add(document + ":" + (i + 1) + ": " + m.group() + " is no setting");
          }
        }
        m = key.matcher(lines[i]);
        while (m.find()) {
          if (!byKey.containsKey(m.group())) {
            drift.add(document + ":" + (i + 1) + ": " + m.group() + " is no setting's key");
          }
        }
      }
    }
    assertEquals(List.of(), drift, String.join("\n", drift));
  }

  /** The README's example of a properties key is the key the code derives. */
  @Test
  void thePropertiesKeyExampleIsTheDerivedKey() {
    String settings = Markdown.project("README.md").section("## Settings").text();
    Matcher m = Pattern.compile("`(AIDA_[A-Z_]+)` → `(aida\\.[a-z.]+)`").matcher(settings);
    List<String> examples = new ArrayList<>();
    while (m.find()) {
      Setting s = byEnvName(m.group(1)).orElseThrow();
      examples.add(m.group(1));
      assertEquals(s.propertyKey(), m.group(2), "README.md, ## Settings: " + m.group());
    }
    assertEquals(1, examples.size(), "README.md, ## Settings: one example of a key " + examples);
  }

  /** Each setting named in the table (first cell), with its row and position in that row. */
  private Map<Setting, Documented> table() {
    Map<Setting, Documented> out = new LinkedHashMap<>();
    for (Row row : Markdown.project("README.md").section("## Settings").table()) {
      List<String> names = Markdown.ticked(row.cell(0));
      if (names.isEmpty()) {
        drift.add(row.where() + ": a row without a `AIDA_…` name: " + row.cells());
      }
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        Optional<Setting> s = byEnvName(name);
        if (s.isEmpty()) {
          drift.add(row.where() + ": " + name + " is no setting of the code (Setting)");
        } else if (out.put(s.get(), new Documented(row, i, names.size())) != null) {
          drift.add(row.where() + ": " + name + " has a second row");
        }
      }
    }
    return out;
  }

  /**
   * The default cell: {@code `v1`, `v2`} for a row of settings with defaults (more words may follow
   * the values), or text starting "none" or "required" when the code has none.
   */
  private void checkDefault(Setting s, Documented d) {
    String cell = d.row().cell(2);
    if (s.defaultValue() == null) {
      if (!(cell.startsWith("none") || cell.startsWith("required"))) {
        drift.add(
            d.row().where()
                + ": "
                + s.envName()
                + " has no default in the code, the table says '"
                + cell
                + "'");
      }
      return;
    }
    List<String> values = Markdown.ticked(cell);
    String shown = d.index() < values.size() ? values.get(d.index()) : null;
    if (values.size() < d.of() || !s.defaultValue().equals(shown)) {
      drift.add(
          d.row().where()
              + ": "
              + s.envName()
              + " defaults to '"
              + s.defaultValue()
              + "' in the code, the table's default cell is '"
              + cell
              + "'");
    }
  }

  /**
   * The range cell ({@code `1`–`65535`}, one range per numeric setting of the row, in order; "—"
   * for a row without numbers): a number setting's range is what the readers accept, both ends in,
   * one past either end refused by {@code config check} and by the app that reads it.
   */
  private void checkRange(Setting s, Documented d) {
    Row row = d.row();
    List<String> ends = Markdown.ticked(row.cell(3));
    int numericBefore = 0;
    int numericInRow = 0;
    List<String> names = Markdown.ticked(row.cell(0));
    for (int i = 0; i < names.size(); i++) {
      if (byEnvName(names.get(i)).filter(DocumentedSettingsTest::numeric).isPresent()) {
        numericInRow++;
        numericBefore += i < d.index() ? 1 : 0;
      }
    }
    if (ends.size() != 2 * numericInRow
        || ends.stream().anyMatch(e -> !NUMBER.matcher(e).matches())) {
      drift.add(
          row.where()
              + ": the range cell must give `min`–`max` for each of the row's "
              + numericInRow
              + " number setting(s), it is '"
              + row.cell(3)
              + "'");
      return;
    }
    if (!numeric(s)) {
      return;
    }
    long min = Long.parseLong(ends.get(2 * numericBefore));
    long max = Long.parseLong(ends.get(2 * numericBefore + 1));
    String where = row.where() + ": " + s.envName() + " (documented `" + min + "`–`" + max + "`)";
    for (long accepted : new long[] {min, max}) {
      List<String> refusing = refusers(s, Long.toString(accepted));
      if (!refusing.isEmpty()) {
        drift.add(where + ": " + accepted + " is refused by " + refusing);
      }
    }
    for (long outside : new long[] {min - 1, max + 1}) {
      List<String> refusing = refusers(s, Long.toString(outside));
      if (!refusing.contains("config check") || refusing.size() < 2) {
        drift.add(
            where
                + ": "
                + outside
                + " must be refused by config check and the app that reads it, refused by "
                + refusing);
      }
    }
  }

  private static Optional<Setting> byEnvName(String name) {
    return Arrays.stream(Setting.values()).filter(x -> x.envName().equals(name)).findFirst();
  }

  /** A setting whose value is a whole number (its default is one). */
  private static boolean numeric(Setting s) {
    return s.defaultValue() != null && NUMBER.matcher(s.defaultValue()).matches();
  }

  /** Which readers refuse {@code value} for {@code s}, all else valid, from the environment. */
  private List<String> refusers(Setting s, String value) {
    Map<String, String> env = new HashMap<>();
    env.put(Setting.BILLING_URL.envName(), "http://127.0.0.1:1/billing");
    env.put(Setting.FREESCOUT_URL.envName(), "http://127.0.0.1:1");
    env.put(Setting.FREESCOUT_API_KEY.envName(), "key");
    env.put(Setting.API_TOKENS.envName(), "0123456789abcdef0123456789abcdef");
    env.put(Setting.AUDIT_FILE.envName(), dir.resolve("aida-audit.jsonl").toString());
    env.put(s.envName(), value);
    Settings settings = Settings.load(env, Map.of(), Optional.empty());
    List<String> out = new ArrayList<>();
    List<String> checked = new ArrayList<>(SettingsCheck.problems(settings));
    checked.addAll(SettingsCheck.serviceProblems(settings));
    if (checked.stream().anyMatch(m -> m.startsWith(s.envName() + " "))) {
      out.add("config check");
    }
    Map<String, Consumer<Settings>> apps = new LinkedHashMap<>();
    apps.put("the billing adapter", BillingConfig::fromSettings);
    apps.put("the FreeScout adapter", FreeScoutConfig::fromSettings);
    apps.put("aida-billing-http", x -> ServiceSettings.from(x, false));
    for (Map.Entry<String, Consumer<Settings>> app : apps.entrySet()) {
      try {
        app.getValue().accept(settings);
      } catch (SettingsException e) {
        if (e.settingName().equals(s.envName())) {
          out.add(app.getKey());
        }
      }
    }
    return out;
  }
}
