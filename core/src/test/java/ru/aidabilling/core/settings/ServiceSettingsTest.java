package ru.aidabilling.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {
  private static final String TOKEN = "a".repeat(32);

  private static Settings env(Map<String, String> env) {
    return Settings.load(env, Map.of(), Optional.empty());
  }

  @Test
  void theDefaultsWithATokenAreTheServicesDefaults() {
    ServiceSettings s = ServiceSettings.from(env(Map.of("AIDA_API_TOKENS", TOKEN)), false);

    assertEquals("127.0.0.1", s.host());
    assertEquals(8900, s.port());
    assertEquals(List.of(TOKEN), s.tokens());
    assertEquals(50, s.ratePerSecond());
    assertEquals(100, s.rateBurst());
    assertEquals(64, s.workers());
    assertEquals(256, s.queue());
    assertEquals(Duration.ofSeconds(12), s.requestDeadline());
    assertEquals(Duration.ofSeconds(25), s.webhookDeadline());
    assertEquals(65_536, s.maxBodyBytes());
    assertEquals(Duration.ofSeconds(10), s.bodyTimeout());
    assertEquals(2000, s.maxConnections());
    assertFalse(s.toString().contains(TOKEN), s.toString());
  }

  @Test
  void port0IsRefusedFromTheEnvironmentAndTheFileButTakenFromTheCommandLine(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path file =
        java.nio.file.Files.writeString(dir.resolve("aida.properties"), "aida.http.port=0\n");
    for (Settings s :
        List.of(
            env(Map.of("AIDA_API_TOKENS", TOKEN, "AIDA_HTTP_PORT", "0")),
            env(Map.of("AIDA_API_TOKENS", TOKEN, "AIDA_HTTP_PORT", "000")),
            Settings.load(Map.of("AIDA_API_TOKENS", TOKEN), Map.of(), Optional.of(file)))) {
      SettingsException e =
          assertThrows(SettingsException.class, () -> ServiceSettings.from(s, false));
      assertEquals("AIDA_HTTP_PORT", e.settingName());
      assertTrue(e.getMessage().startsWith("AIDA_HTTP_PORT is 0, "), e.getMessage());
      assertTrue(e.getMessage().contains("--port 0"), e.getMessage());
      assertEquals(
          List.of("AIDA_HTTP_PORT"),
          ServiceSettings.problems(s).stream().map(SettingsException::settingName).toList(),
          "config check says so too");
    }
    SettingsException negative =
        assertThrows(
            SettingsException.class,
            () ->
                ServiceSettings.from(
                    env(Map.of("AIDA_API_TOKENS", TOKEN, "AIDA_HTTP_PORT", "-1")), false));
    assertTrue(negative.getMessage().contains("from 1 to 65535, got '-1'"), negative.getMessage());

    Settings commandLine =
        Settings.load(
            Map.of("AIDA_API_TOKENS", TOKEN, "AIDA_HTTP_PORT", "8900"),
            Map.of(Setting.HTTP_PORT, "0"),
            Optional.empty());
    assertEquals(0, ServiceSettings.from(commandLine, false).port(), "--port 0: any free port");
  }

  @Test
  void tokensAreRequiredOutsideTheSandbox() {
    SettingsException e =
        assertThrows(SettingsException.class, () -> ServiceSettings.from(env(Map.of()), false));
    assertEquals("AIDA_API_TOKENS", e.settingName());
    assertEquals(List.of(), ServiceSettings.from(env(Map.of()), true).tokens());
    assertEquals(List.of(), ServiceSettings.problems(env(Map.of())), "unset is the caller's call");
  }

  @Test
  void everyProblemIsNamedOnceInTheSettingsOrder() {
    Settings s =
        env(
            Map.of(
                "AIDA_HTTP_HOST", "999.1.1.1",
                "AIDA_HTTP_PORT", "99999",
                "AIDA_API_TOKENS", "change-me-to-a-long-random-token",
                "AIDA_RATE_LIMIT_BURST", "0",
                "AIDA_WORKERS", "0"));

    List<SettingsException> problems = ServiceSettings.problems(s);

    assertEquals(
        List.of(
            "AIDA_HTTP_HOST",
            "AIDA_HTTP_PORT",
            "AIDA_API_TOKENS",
            "AIDA_RATE_LIMIT_BURST",
            "AIDA_WORKERS"),
        problems.stream().map(SettingsException::settingName).toList());
    assertTrue(
        problems.stream().noneMatch(p -> p.getMessage().contains("change-me-to-a-long")),
        "a token never shows");
    assertEquals(
        "AIDA_API_TOKENS",
        assertThrows(SettingsException.class, () -> ServiceSettings.from(s, false)).settingName(),
        "the service stops at the token first");
  }

  @Test
  void aHostThatDoesNotResolveIsNamed() {
    SettingsException e =
        assertThrows(
            SettingsException.class,
            () ->
                ServiceSettings.from(
                    env(Map.of("AIDA_API_TOKENS", TOKEN, "AIDA_HTTP_HOST", "999.1.1.1")), false));

    assertEquals("AIDA_HTTP_HOST", e.settingName());
    assertTrue(e.getMessage().contains("got '999.1.1.1'"), e.getMessage());
    assertEquals(
        "::1",
        ServiceSettings.from(env(Map.of("AIDA_API_TOKENS", TOKEN, "AIDA_HTTP_HOST", "::1")), false)
            .host());
  }
}
