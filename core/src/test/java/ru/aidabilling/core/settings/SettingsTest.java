package ru.aidabilling.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.domain.PhoneFormat;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void propertyKeyIsDerivedFromTheVariableName() {
    assertEquals("aida.billing.phone.format", Setting.BILLING_PHONE_FORMAT.propertyKey());
    assertEquals("aida.http.port", Setting.HTTP_PORT.propertyKey());
  }

  @Test
  void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
    Path file = dir.resolve("aida.properties");
    Files.writeString(
        file,
        "aida.http.port=1111\naida.http.host=10.0.0.1\naida.mapping=full\naida.billing.url=http://file/\n");
    Settings s =
        Settings.load(
            Map.of("AIDA_HTTP_PORT", "2222", "AIDA_HTTP_HOST", "::1"),
            Map.of(Setting.HTTP_PORT, "3333"),
            Optional.of(file));
    assertEquals(3333, s.integer(Setting.HTTP_PORT, 1, 65535));
    assertEquals("::1", s.required(Setting.HTTP_HOST));
    assertEquals("full", s.required(Setting.MAPPING));
    assertEquals("overwrite", s.required(Setting.WRITE_POLICY));
    assertEquals("command line", s.sourceOf(Setting.HTTP_PORT).orElseThrow());
    assertEquals("environment", s.sourceOf(Setting.HTTP_HOST).orElseThrow());
    assertTrue(s.sourceOf(Setting.MAPPING).orElseThrow().startsWith("file "));
    assertEquals("default", s.sourceOf(Setting.WRITE_POLICY).orElseThrow());
  }

  @Test
  void configFileMayComeFromTheEnvironment() throws Exception {
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "aida.freescout.api.key=секрет\n");
    Settings s = Settings.load(Map.of("AIDA_CONFIG", file.toString()), Map.of(), Optional.empty());
    assertEquals("секрет", s.required(Setting.FREESCOUT_API_KEY));
    assertEquals("environment", s.sourceOf(Setting.CONFIG).orElseThrow());
    assertEquals("file " + file, s.sourceOf(Setting.FREESCOUT_API_KEY).orElseThrow());

    Settings given = Settings.load(Map.of(), Map.of(), Optional.of(file));
    assertEquals("command line", given.sourceOf(Setting.CONFIG).orElseThrow(), "--config");
    assertEquals(file.toString(), given.required(Setting.CONFIG));
  }

  @Test
  void missingRequiredSettingNamesTheVariable() {
    SettingsException e =
        assertThrows(
            SettingsException.class, () -> Settings.defaults().required(Setting.BILLING_URL));
    assertEquals("AIDA_BILLING_URL", e.settingName());
    assertTrue(e.getMessage().contains("AIDA_BILLING_URL"));
    assertTrue(e.getMessage().contains("aida.billing.url"));
  }

  @Test
  void badValuesAreNamedButSecretsAreNotShown() {
    Settings s =
        Settings.load(
            Map.of(
                "AIDA_HTTP_PORT", "80a",
                "AIDA_BILLING_URL", "ftp://x",
                "AIDA_BILLING_PHONE_FORMAT", "WRONG",
                "AIDA_API_TOKENS", "supersecret"),
            Map.of(),
            Optional.empty());
    SettingsException port =
        assertThrows(SettingsException.class, () -> s.integer(Setting.HTTP_PORT, 1, 65535));
    assertTrue(port.getMessage().contains("AIDA_HTTP_PORT") && port.getMessage().contains("80a"));
    assertThrows(SettingsException.class, () -> s.url(Setting.BILLING_URL));
    SettingsException fmt =
        assertThrows(
            SettingsException.class,
            () -> s.parsed(Setting.BILLING_PHONE_FORMAT, PhoneFormat::valueOf, "E164, DIGITS11"));
    assertTrue(fmt.getMessage().contains("E164, DIGITS11"));
    SettingsException tok =
        assertThrows(SettingsException.class, () -> s.integer(Setting.API_TOKENS, 0, 1));
    assertFalse(tok.getMessage().contains("supersecret"));
    assertFalse(s.describe().toString().contains("supersecret"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"http://127.0.0.1:99999/x", "http://127.0.0.1:65536/x", "https://billing:0/"})
  void aUrlWithAPortOutOfRangeIsRefusedNamingTheSetting(String url) {
    Settings s = Settings.defaults().with(Setting.BILLING_URL, url);

    SettingsException e = assertThrows(SettingsException.class, () -> s.url(Setting.BILLING_URL));

    assertEquals("AIDA_BILLING_URL", e.settingName());
    assertTrue(e.getMessage().startsWith("AIDA_BILLING_URL names the port "), e.getMessage());
    assertTrue(e.getMessage().contains("from 1 to 65535, got '" + url + "'"), e.getMessage());
  }

  @Test
  void aUrlWithAPortInRangeOrNoneIsAccepted() {
    for (String url : List.of("http://127.0.0.1:65535/x", "http://127.0.0.1:1/", "https://h/")) {
      assertEquals(
          url,
          Settings.defaults()
              .with(Setting.FREESCOUT_URL, url)
              .url(Setting.FREESCOUT_URL)
              .toString());
    }
  }

  @Test
  void typedGetters() {
    Settings s =
        Settings.load(
            Map.of(
                "AIDA_API_TOKENS",
                " a , b,, c ",
                "AIDA_BILLING_URL",
                "https://billing.example/api/phone.php"),
            Map.of(),
            Optional.empty());
    assertEquals(List.of("a", "b", "c"), s.list(Setting.API_TOKENS));
    assertEquals("billing.example", s.url(Setting.BILLING_URL).getHost());
    assertEquals(Duration.ofSeconds(12), s.millis(Setting.REQUEST_DEADLINE_MS, 1, 600_000));
    assertEquals(
        List.of("AIDA_FREESCOUT_URL", "AIDA_FREESCOUT_API_KEY"), s.missingUpstreamSettings());
    assertEquals("x", s.with(Setting.MAPPING, "x").required(Setting.MAPPING));
  }

  @Test
  void unreadableFileIsASettingsError() {
    SettingsException e =
        assertThrows(
            SettingsException.class,
            () ->
                Settings.load(Map.of(), Map.of(), Optional.of(dir.resolve("missing.properties"))));
    assertEquals("AIDA_CONFIG", e.settingName());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "[{0}] -> [{1}]")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "http://admin:hunter2pw@127.0.0.1:1/x|http://admin:***@127.0.0.1:1/x",
        "https://billing.example/api/phone.php?apikey=s3cret&v=2|https://billing.example/api/phone.php?apikey=***&v=***",
        "https://token@help.example|https://***@help.example",
        "https://help.example/path#frag|https://help.example/path#frag",
        "http://u:p@h/p?k=v#f|http://u:***@h/p?k=***#f",
        "not a url|not a url"
      })
  void urlsAreShownWithoutTheirCredentials(String value, String shown) {
    assertEquals(shown, Settings.withoutCredentials(value));
  }

  @Test
  void describeAndErrorsNeverShowAUrlPassword() {
    Settings s =
        Settings.load(
            Map.of(
                "AIDA_FREESCOUT_URL", "http://admin:hunter2pw@127.0.0.1:1",
                "AIDA_BILLING_URL", "https://billing.example/api/phone.php?apikey=s3cret"),
            Map.of(),
            Optional.empty());

    String described = s.describe().toString();
    assertFalse(described.contains("hunter2pw"), described);
    assertFalse(described.contains("s3cret"), described);
    assertTrue(described.contains("http://admin:***@127.0.0.1:1"), described);
  }

  @Test
  void aMisspeltKeyInThePropertiesFileIsAnErrorNamingTheNearestSetting() throws Exception {
    Path file = dir.resolve("typo.properties");
    Files.writeString(file, "aida.biling.timeout.ms=9000\nother.tool.key=kept\n");

    SettingsException e =
        assertThrows(
            SettingsException.class, () -> Settings.load(Map.of(), Map.of(), Optional.of(file)));

    assertEquals("AIDA_CONFIG", e.settingName());
    assertTrue(
        e.getMessage().contains("'aida.biling.timeout.ms', which is no setting"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'aida.billing.timeout.ms'?"), e.getMessage());
  }

  @Test
  void aByteOrderMarkAtTheStartOfTheFileIsSkipped() throws Exception {
    Path file = dir.resolve("notepad.properties");
    Files.write(
        file,
        ("\uFEFFaida.mapping=full\naida.write.policy=fill-empty\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    Settings s = Settings.load(Map.of(), Map.of(), Optional.of(file));

    assertEquals("full", s.required(Setting.MAPPING), "the first key is read, not ignored");
    assertEquals("fill-empty", s.required(Setting.WRITE_POLICY));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "AIDA_WRITE_POLICY=fill-empty|'AIDA_WRITE_POLICY', which is an environment name; in the"
            + " file write aida.write.policy",
        "Aida.mapping=full|'Aida.mapping', but keys are lower-case with dots: write aida.mapping",
        "aida_mapping=full|'aida_mapping', but keys are lower-case with dots: write aida.mapping",
        "AIDA.BILING.URL=x|'AIDA.BILING.URL', which is no setting (did you mean 'aida.billing.url'?)",
        "AIDA_NOTHING_LIKE_IT_AT_ALL=x|'AIDA_NOTHING_LIKE_IT_AT_ALL', which is no setting"
      })
  void aKeyMeantForUsSpeltAnotherWayIsAnErrorNamingTheRightKey(String line, String says)
      throws Exception {
    Path file = dir.resolve("spelt.properties");
    Files.writeString(file, "other.tool.key=kept\n" + line + "\n");

    SettingsException e =
        assertThrows(
            SettingsException.class, () -> Settings.load(Map.of(), Map.of(), Optional.of(file)));

    assertEquals("AIDA_CONFIG", e.settingName());
    assertEquals("the properties file " + file + " has the key " + says, e.getMessage());
  }

  @Test
  void keysOfOtherProgramsInTheFileAreLeftAlone() throws Exception {
    Path file = dir.resolve("shared.properties");
    Files.writeString(file, "other.tool.key=kept\naida.mapping=full\n");

    Settings s = Settings.load(Map.of(), Map.of(), Optional.of(file));

    assertEquals("full", s.required(Setting.MAPPING));
  }

  @Test
  void aMissingOrNonUtf8PropertiesFileIsNamedPlainly() throws Exception {
    Path missing = dir.resolve("nonexistent.properties");
    SettingsException gone =
        assertThrows(
            SettingsException.class, () -> Settings.load(Map.of(), Map.of(), Optional.of(missing)));
    assertEquals("the properties file " + missing + " does not exist", gone.getMessage());

    Path latin1 = dir.resolve("latin1.properties");
    Files.write(
        latin1,
        new byte[] {'a', 'i', 'd', 'a', '.', 'm', 'a', 'p', 'p', 'i', 'n', 'g', '=', (byte) 0xE9});
    SettingsException notUtf8 =
        assertThrows(
            SettingsException.class, () -> Settings.load(Map.of(), Map.of(), Optional.of(latin1)));
    assertEquals("the properties file " + latin1 + " is not UTF-8 text", notUtf8.getMessage());
  }
}
