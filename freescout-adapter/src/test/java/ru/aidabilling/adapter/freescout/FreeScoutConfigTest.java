package ru.aidabilling.adapter.freescout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;

class FreeScoutConfigTest {
  private static Settings env(Map<String, String> env) {
    return Settings.load(env, Map.of(), Optional.empty());
  }

  @Test
  void fromSettings() {
    FreeScoutConfig c =
        FreeScoutConfig.fromSettings(
            env(
                Map.of(
                    "AIDA_FREESCOUT_URL", "https://help.example/desk",
                    "AIDA_FREESCOUT_API_KEY", " abc123 ",
                    "AIDA_FREESCOUT_TIMEOUT_MS", "4000")));
    assertEquals("abc123", c.apiKey());
    assertEquals(Duration.ofSeconds(4), c.answerTimeout());
    assertEquals(Duration.ofSeconds(2), c.connectTimeout());
    assertEquals(
        URI.create("https://help.example/desk/api/customers/5"), c.resolve("api/customers/5"));
  }

  @Test
  void theAppsGetTheSpecsDefaultsFromSettingsToo() {
    // spec 10: FreeScout connect 2 s, answer 5 s, whether built with of() or from settings
    FreeScoutConfig c =
        FreeScoutConfig.fromSettings(
            env(
                Map.of(
                    "AIDA_FREESCOUT_URL", "https://help.example",
                    "AIDA_FREESCOUT_API_KEY", "abc123")));
    for (FreeScoutConfig config :
        List.of(c, FreeScoutConfig.of(URI.create("https://help.example"), "abc123"))) {
      assertEquals(Duration.ofSeconds(2), config.connectTimeout());
      assertEquals(Duration.ofSeconds(5), config.answerTimeout());
    }
  }

  @Test
  void missingOrBadSettingsNameTheSetting() {
    assertEquals(
        "AIDA_FREESCOUT_API_KEY",
        assertThrows(
                SettingsException.class,
                () ->
                    FreeScoutConfig.fromSettings(
                        env(Map.of("AIDA_FREESCOUT_URL", "https://help.example"))))
            .settingName());
    SettingsException bad =
        assertThrows(
            SettingsException.class,
            () ->
                FreeScoutConfig.fromSettings(
                    env(
                        Map.of(
                            "AIDA_FREESCOUT_URL", "https://help.example",
                            "AIDA_FREESCOUT_API_KEY", "two words"))));
    assertEquals("AIDA_FREESCOUT_API_KEY", bad.settingName());
    assertFalse(bad.getMessage().contains("two words"), bad.getMessage());
    assertEquals(
        "AIDA_FREESCOUT_URL",
        assertThrows(
                SettingsException.class,
                () ->
                    FreeScoutConfig.fromSettings(
                        env(
                            Map.of(
                                "AIDA_FREESCOUT_URL", "https://help.example/?x=1",
                                "AIDA_FREESCOUT_API_KEY", "k"))))
            .settingName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://h.example", "/relative", "https://u:p@h.example", "https://h/#f"})
  void badUrlsAreRefused(String url) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FreeScoutConfig.of(URI.create(url), "k"));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().startsWith("the FreeScout URL (AIDA_FREESCOUT_URL) must "), e.getMessage());
  }

  @Test
  void badValuesAreRefused() {
    URI u = URI.create("https://h.example");
    for (String key : new String[] {" ", "a\nb"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> FreeScoutConfig.of(u, key));
      org.junit.jupiter.api.Assertions.assertTrue(
          e.getMessage().startsWith("the FreeScout API key (AIDA_FREESCOUT_API_KEY) "),
          e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> FreeScoutConfig.of(u, "k").withTimeouts(Duration.ofMillis(-5), null));
  }
}
